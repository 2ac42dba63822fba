import type { Sample } from './driver.ts';

/** The function whose GET /v1/health every other route is compared with, measured in the same run. */
export const baselineRoute = 'ops-health';

export interface RouteFigures {
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Share of requests answered neither 2xx/3xx nor an expected 412 (other 4xx, 5xx, no answer). */
  error_rate: number;
  /** 412 to a write with a stale If-Match: an expected outcome under contention, not an error. */
  conflicts: number;
  server_errors: number;
  p50_ratio: number | null;
  p95_ratio: number | null;
  p99_ratio: number | null;
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/** The nearest-rank percentile of sorted values. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;

const ratio = (value: number, baseline: number) => (baseline > 0 ? round(value / baseline, 2) : null);

/** Routes where a 412 is an expected answer (writes with If-Match); elsewhere it is an error like any other 4xx. */
const conflictRoutes = new Set(['flows-apply-operations']);

/**
 * Per-route figures over `seconds` of run: latency percentiles of every answered request, throughput,
 * error rate and server errors, each latency also as a ratio to the baseline route's same percentile.
 */
export const routeFigures = (samples: readonly Sample[], seconds: number): Record<string, RouteFigures> => {
  const byRoute = new Map<string, Sample[]>();
  for (const sample of samples) (byRoute.get(sample.route) ?? byRoute.set(sample.route, []).get(sample.route)!).push(sample);
  const raw = [...byRoute.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, list]) => {
      const latencies = list
        .filter((s) => s.status !== 0)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      const conflicts = conflictRoutes.has(route) ? list.filter((s) => s.status === 412).length : 0;
      const failed = list.filter((s) => s.status === 0 || s.status >= 400).length - conflicts;
      return {
        route,
        requests: list.length,
        rps: round(list.length / seconds),
        p50_ms: round(percentile(latencies, 0.5)),
        p95_ms: round(percentile(latencies, 0.95)),
        p99_ms: round(percentile(latencies, 0.99)),
        error_rate: round(failed / list.length, 4),
        conflicts,
        server_errors: list.filter((s) => s.status >= 500).length,
      };
    });
  const base = raw.find((r) => r.route === baselineRoute);
  return Object.fromEntries(
    raw.map(({ route, ...figures }) => [
      route,
      {
        ...figures,
        p50_ratio: base ? ratio(figures.p50_ms, base.p50_ms) : null,
        p95_ratio: base ? ratio(figures.p95_ms, base.p95_ms) : null,
        p99_ratio: base ? ratio(figures.p99_ms, base.p99_ms) : null,
      },
    ]),
  );
};

/** Totals over every route: what decides the exit code (any 5xx or unanswered request fails the run). */
export const totals = (samples: readonly Sample[], seconds: number) => {
  const conflicts = samples.filter((s) => s.status === 412 && conflictRoutes.has(s.route)).length;
  const unanswered = samples.filter((s) => s.status === 0).length;
  const serverErrors = samples.filter((s) => s.status >= 500).length;
  return {
    requests: samples.length,
    seconds: round(seconds, 2),
    rps: round(samples.length / seconds),
    server_errors: serverErrors,
    unanswered,
    errors: samples.filter((s) => s.status === 0 || s.status >= 400).length - conflicts,
    conflicts,
  };
};

/** Answer statuses by route and status, e.g. `{ "flows-get": { "200": 412 } }`, for the stderr table and diagnosis. */
export const statusCounts = (samples: readonly Sample[]): Record<string, Record<string, number>> => {
  const counts: Record<string, Record<string, number>> = {};
  for (const { route, status } of samples) {
    const perRoute = (counts[route] ??= {});
    perRoute[String(status)] = (perRoute[String(status)] ?? 0) + 1;
  }
  return counts;
};
