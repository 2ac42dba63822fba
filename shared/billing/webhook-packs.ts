import { webhookErrors } from './webhook-errors.ts';

/** The credit packs on sale (docs/product.md, Plans): 500, 2,000 and 5,000 credits. */
export const packSizes = [500, 2_000, 5_000] as const;

/** Pack credits expire 12 months after purchase. */
export const packExpiryOf = (purchasedAt: Date): Date => {
  const expiresAt = new Date(purchasedAt);
  expiresAt.setUTCMonth(expiresAt.getUTCMonth() + 12);
  return expiresAt;
};

/**
 * The credits a pack checkout sold, from its session metadata: `credits` (`"2000"`) or `pack`
 * (`"pack_2000"`, `"2000"`). Throws for anything that is not a pack on sale.
 */
export const packCreditsOf = (metadata: Record<string, string>): number => {
  const named = metadata.credits ?? /(\d+)$/.exec(metadata.pack ?? '')?.[1];
  const credits = Number(named);
  const size = packSizes.find((s) => s === credits);
  if (size === undefined) throw webhookErrors.invalidEvent(`The checkout names no credit pack on sale (${String(named)}).`);
  return size;
};
