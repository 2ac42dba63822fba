import type { FunctionUsage } from '../input/usage-schema.ts';
import type { FunctionCost } from './function-cost.ts';

/** A function's cost joined with its credit revenue; revenue fields are null without a credit operation. */
export interface FunctionMargin extends FunctionCost {
  credits: number | null;
  revenue: number | null;
  margin: number | null;
  /** margin / revenue; null without revenue. */
  marginShare: number | null;
}

/** Credits consumed (measured, or requests × credits per call) × revenue per credit, minus cost. */
export const withMargin = (cost: FunctionCost, usage: FunctionUsage | undefined, creditRevenue: number): FunctionMargin => {
  if (cost.profile.creditsPerCall === 0) return { ...cost, credits: null, revenue: null, margin: null, marginShare: null };
  const credits = usage?.credits ?? cost.requests * cost.profile.creditsPerCall;
  const revenue = credits * creditRevenue;
  const margin = revenue - cost.cost;
  return { ...cost, credits, revenue, margin, marginShare: revenue > 0 ? margin / revenue : null };
};
