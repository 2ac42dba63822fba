import type { ModelPrices } from '../input/prices-schema.ts';
import type { FunctionUsage, ModelTokens } from '../input/usage-schema.ts';
import type { FunctionCost } from './function-cost.ts';

/**
 * A function's cost joined with its credit revenue; revenue fields are null when the function
 * neither carries a credit operation nor reports committed credits. `cost` is the pods' and
 * requests' (`infraCost`) plus the model calls' billed by the provider (`providerCost`, 0 without any).
 */
export interface FunctionMargin extends FunctionCost {
  infraCost: number;
  providerCost: number;
  credits: number | null;
  revenue: number | null;
  margin: number | null;
  /** margin / revenue; null without revenue. */
  marginShare: number | null;
}

/** What a month's model calls cost: tokens × the price per million of their model. */
export const providerCostOf = (calls: readonly ModelTokens[], prices: ModelPrices): number =>
  calls.reduce((total, call) => {
    const price = prices[call.model];
    return price ? total + (call.inputTokens * price.input + call.outputTokens * price.output) / 1_000_000 : total;
  }, 0);

/** Credits consumed (measured, or requests × credits per call) × revenue per credit, minus compute and provider cost. */
export const withMargin = (
  cost: FunctionCost,
  usage: FunctionUsage | undefined,
  creditRevenue: number,
  modelPrices: ModelPrices = {},
): FunctionMargin => {
  const providerCost = providerCostOf(usage?.modelCalls ?? [], modelPrices);
  const total = { ...cost, infraCost: cost.cost, providerCost, cost: cost.cost + providerCost };
  if (cost.profile.creditsPerCall === 0 && usage?.credits === undefined)
    return { ...total, credits: null, revenue: null, margin: null, marginShare: null };
  const credits = usage?.credits ?? cost.requests * cost.profile.creditsPerCall;
  const revenue = credits * creditRevenue;
  const margin = revenue - total.cost;
  return { ...total, credits, revenue, margin, marginShare: revenue > 0 ? margin / revenue : null };
};
