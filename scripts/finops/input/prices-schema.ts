import { z } from 'zod';

const price = z.number().nonnegative();
const resourcePrices = z.strictObject({ vcpuHour: price, gibHour: price });

/** `--prices` of `finops report`: unit prices (GCP-like, USD) and the revenue of one credit. */
export const pricesFileSchema = z.strictObject({
  currency: z.string().length(3),
  onDemand: resourcePrices,
  spot: resourcePrices,
  /** Per million requests (load balancer processing, activator); 0 when not charged. */
  requestsPerMillion: price.default(0),
  /** Share of spot-preferred capacity that runs on on-demand nodes (no spot capacity, preemption). */
  spotFallbackShare: z.number().min(0).max(1).default(0.1),
  /** What one credit brings in, blended over plans and packs. */
  creditRevenue: price,
  /** Per `provider:model`, USD per million input and output tokens (the AI_PRICES table). */
  modelPrices: z.record(z.string().min(1), z.strictObject({ input: price, output: price })).default({}),
});
export type ModelPrices = PricesFile['modelPrices'];
export type PricesFile = z.infer<typeof pricesFileSchema>;
export type ResourcePrices = PricesFile['onDemand'];
