/** Latency percentiles of a closed-loop load: `concurrency` workers sending `total` requests. */
export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Runs `send` (resolving to an HTTP status) `total` times, `concurrency` at once; a status ≥ 400 counts as an error. */
export const runLoad = async (
  send: (i: number) => Promise<number>,
  options: { total: number; concurrency: number },
): Promise<LoadResult> => {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const i = next++;
      const t0 = performance.now();
      const status = await send(i).catch(() => 599);
      latencies.push(performance.now() - t0);
      if (status >= 400) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: options.total,
    errors,
    rps: Math.round(options.total / seconds),
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
  };
};
