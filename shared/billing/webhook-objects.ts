import { z } from 'zod';
import { plans, type Plan } from '../workspaces/index.ts';
import { webhookErrors } from './webhook-errors.ts';

/**
 * The fields of Stripe objects the handlers read, checked with zod (no SDK types in the domain).
 * Unknown fields are ignored; both the older and the current API shapes are accepted where Stripe
 * moved a field (the period end onto subscription items, an invoice's subscription under `parent`).
 */
const metadataSchema = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});
const idOf = z
  .union([z.string(), z.object({ id: z.string() })])
  .nullish()
  .transform((v) => (typeof v === 'string' ? v : (v?.id ?? null)));
const unixTime = z
  .number()
  .int()
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : new Date(v * 1000)));
const priceSchema = z.object({ lookup_key: z.string().nullish(), id: z.string().nullish() }).nullish();

export const subscriptionObjectSchema = z.object({
  id: z.string().min(1),
  customer: idOf,
  status: z.string().min(1),
  metadata: metadataSchema,
  cancel_at_period_end: z.boolean().nullish(),
  current_period_end: unixTime,
  trial_end: unixTime,
  items: z
    .object({ data: z.array(z.object({ price: priceSchema, current_period_end: unixTime })) })
    .nullish()
    .transform((items) => items?.data ?? []),
});
export type SubscriptionObject = z.infer<typeof subscriptionObjectSchema>;

export const checkoutSessionObjectSchema = z.object({
  id: z.string().min(1),
  mode: z.string().nullish(),
  customer: idOf,
  subscription: idOf,
  payment_intent: idOf,
  payment_status: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  metadata: metadataSchema,
});
export type CheckoutSessionObject = z.infer<typeof checkoutSessionObjectSchema>;

export const invoiceObjectSchema = z.object({
  id: z.string().min(1),
  customer: idOf,
  subscription: idOf,
  /** Why Stripe billed: `subscription_create`, `subscription_cycle`, `subscription_update` (proration), `manual`… */
  billing_reason: z.string().nullish(),
  metadata: metadataSchema,
  parent: z.object({ subscription_details: z.object({ subscription: idOf, metadata: metadataSchema }).nullish() }).nullish(),
  lines: z
    .object({ data: z.array(z.object({ price: priceSchema, metadata: metadataSchema })) })
    .nullish()
    .transform((lines) => lines?.data ?? []),
});
export type InvoiceObject = z.infer<typeof invoiceObjectSchema>;

export const chargeObjectSchema = z.object({
  id: z.string().min(1),
  payment_intent: idOf,
  metadata: metadataSchema,
});
export type ChargeObject = z.infer<typeof chargeObjectSchema>;

/** Parses a Stripe object; a shape we cannot read is a bad event (dead-lettered, not retried forever). */
export const parseObject = <T extends z.ZodType>(schema: T, object: unknown, what: string): z.infer<T> => {
  const parsed = schema.safeParse(object);
  if (!parsed.success) throw webhookErrors.invalidEvent(`Not a readable ${what}: ${parsed.error.message}`);
  return parsed.data;
};

const planLookupKey = /^uxflow_plan_([a-z]+)_(monthly|yearly)$/;

/** The plan a price sells, from its lookup key `uxflow_plan_<plan>_<interval>`; null for any other key. */
export const planOfLookupKey = (lookupKey: string | null | undefined): Plan | null => {
  const name = planLookupKey.exec(lookupKey ?? '')?.[1];
  return plans.find((plan) => plan === name) ?? null;
};

/** The plan of the first price with a plan lookup key, else the `plan` metadata; null when neither names one. */
export const planOf = (
  prices: readonly { price?: { lookup_key?: string | null | undefined } | null | undefined }[],
  metadata: Record<string, string>,
) =>
  prices.map((item) => planOfLookupKey(item.price?.lookup_key)).find((plan) => plan !== null) ??
  plans.find((p) => p === metadata.plan) ??
  null;

/** The subscription an invoice belongs to (older API: `subscription`; current: `parent.subscription_details`). */
export const invoiceSubscriptionOf = (invoice: InvoiceObject) =>
  invoice.subscription ?? invoice.parent?.subscription_details?.subscription ?? null;

/** The metadata that names the workspace: the invoice's own, else its subscription's. */
export const invoiceMetadataOf = (invoice: InvoiceObject): Record<string, string> => ({
  ...invoice.parent?.subscription_details?.metadata,
  ...invoice.metadata,
});
