import { z } from 'zod';

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

/** A month's tokens of one model, summed from `ai_model_calls` (`provider:model`, as in AI_PRICES). */
export const modelTokensSchema = z.strictObject({
  model: z.string().min(1),
  inputTokens: count,
  outputTokens: count,
});
export type ModelTokens = z.infer<typeof modelTokensSchema>;

/** One function's measured usage for the month. */
export const functionUsageSchema = z.strictObject({
  /** The Knative Service name, e.g. `identity-login`; must be a defined function. */
  function: z.string().min(1),
  requests: count,
  /** Mean request (or event, or tick) duration, milliseconds. */
  avgDurationMs: z.number().nonnegative(),
  /** Measured pod-minutes of the month, floor pods included; estimated from requests when absent. */
  instanceMinutes: z.number().nonnegative().optional(),
  /** Credits committed by the function this month; `requests × credit cost` when absent. */
  credits: count.optional(),
  /** The model calls the function made (billed to it by the provider), by model. */
  modelCalls: z.array(modelTokensSchema).optional(),
});
export type FunctionUsage = z.infer<typeof functionUsageSchema>;

/** `--usage` of `finops report`: a month of per-function usage in one environment. */
export const usageFileSchema = z.strictObject({
  /** `YYYY-MM`, shown in the report. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  /** Production gives tier-critical functions a floor of one on-demand instance. */
  environment: z.enum(['production', 'staging']),
  /** Overrides the prices file's share of spot-preferred capacity that falls back to on-demand. */
  spotFallbackShare: share.optional(),
  functions: z.array(functionUsageSchema),
});
export type UsageFile = z.infer<typeof usageFileSchema>;
