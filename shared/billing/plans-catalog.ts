import { planLimits, plans, type Plan, type PlanLimits } from '../workspaces/index.ts';

/** What a plan costs and gives (docs/product.md, "Plans"); `lookupKey` names its Stripe price (null: nothing to buy). */
export interface PlanOffer {
  plan: Plan;
  name: string;
  /** USD cents per month. */
  monthlyPriceCents: number;
  creditsPerMonth: number;
  limits: Readonly<PlanLimits>;
  /** The Stripe price lookup key; null for free. */
  lookupKey: string | null;
  /** Whether a workspace may buy it through self-serve Checkout (enterprise is sold by contract). */
  isSelfServe: boolean;
}

/** A one-off credit pack (docs/product.md: spent after plan credits, expire 12 months after purchase). */
export interface CreditPack {
  id: (typeof packIds)[number];
  credits: number;
  /** USD cents, once. */
  priceCents: number;
  validityMonths: number;
  lookupKey: string;
}

export const packIds = ['pack_500', 'pack_2000', 'pack_5000'] as const;
export type PackId = (typeof packIds)[number];

const planNames: Record<Plan, string> = { free: 'Free', basic: 'Basic', pro: 'Pro', enterprise: 'Enterprise' };
const monthlyPriceCents: Record<Plan, number> = { free: 0, basic: 2_900, pro: 9_900, enterprise: 49_900 };
const selfServePlans: ReadonlySet<Plan> = new Set<Plan>(['basic', 'pro']);

/** The Stripe price lookup key of a plan's monthly price, e.g. `uxflow_plan_pro_monthly`. */
export const planLookupKey = (plan: Plan): string => `uxflow_plan_${plan}_monthly`;

/** Every plan, in docs/product.md's order; credits and limits come from the one plan table (`planLimits`). */
export const planOffers: readonly PlanOffer[] = plans.map((plan) => ({
  plan,
  name: planNames[plan],
  monthlyPriceCents: monthlyPriceCents[plan],
  creditsPerMonth: planLimits[plan].creditsPerMonth,
  limits: planLimits[plan],
  lookupKey: plan === 'free' ? null : planLookupKey(plan),
  isSelfServe: selfServePlans.has(plan),
}));

const pack = (credits: number, priceCents: number): CreditPack => ({
  id: `pack_${credits}` as PackId,
  credits,
  priceCents,
  validityMonths: 12,
  lookupKey: `uxflow_pack_${credits}`,
});

/** The credit packs: 500 for $10, 2,000 for $35, 5,000 for $75. */
export const creditPacks: readonly CreditPack[] = [pack(500, 1_000), pack(2_000, 3_500), pack(5_000, 7_500)];

/** The offer of a plan (every plan has one). */
export const planOffer = (plan: Plan): PlanOffer => planOffers.find((offer) => offer.plan === plan)!;

/** The pack with this id, or null. */
export const findCreditPack = (id: string): CreditPack | null => creditPacks.find((p) => p.id === id) ?? null;

/** A Stripe price to exist in every account we bill from (`scripts/stripe-bootstrap.ts` creates them). */
export interface CatalogPrice {
  lookupKey: string;
  productName: string;
  /** Our own stable product id, also the Stripe product id. */
  productId: string;
  unitAmountCents: number;
  /** `month` for plans; null for one-off packs. */
  interval: 'month' | null;
  metadata: Record<string, string>;
}

/** Every price the catalog sells through Stripe (paid plans, enterprise included, and packs). */
export const catalogPrices = (): CatalogPrice[] => [
  ...planOffers.flatMap((offer) =>
    offer.lookupKey === null
      ? []
      : [
          {
            lookupKey: offer.lookupKey,
            productName: `UX Flow ${offer.name}`,
            productId: `uxflow_plan_${offer.plan}`,
            unitAmountCents: offer.monthlyPriceCents,
            interval: 'month' as const,
            metadata: { kind: 'plan', plan: offer.plan, creditsPerMonth: String(offer.creditsPerMonth) },
          },
        ],
  ),
  ...creditPacks.map((p) => ({
    lookupKey: p.lookupKey,
    productName: `UX Flow ${p.credits.toLocaleString('en-US')} credits`,
    productId: `uxflow_${p.id}`,
    unitAmountCents: p.priceCents,
    interval: null,
    metadata: { kind: 'pack', packId: p.id, credits: String(p.credits), validityMonths: String(p.validityMonths) },
  })),
];
