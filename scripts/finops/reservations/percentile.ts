/**
 * The nearest-rank percentile: the smallest value with at least `p` % of the values at or below it
 * (`p` 0 gives the minimum). Throws on an empty series.
 */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) throw new Error('percentile of an empty series');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Whole units at or below the `p`-th percentile: what can be committed and stay in use that share of the hours. */
export const floorAtPercentile = (values: readonly number[], p: number): number => Math.floor(percentile(values, p));
