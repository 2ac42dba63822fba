import { describe, expect, it } from 'vitest';
import { percentile, routeFigures, totals } from '../../../scripts/bench/load/figures.ts';
import { actionPicker, healthEvery, mixWeights } from '../../../scripts/bench/load/mix.ts';

const samples = (route: string, statuses: number[], ms: (i: number) => number) =>
  statuses.map((status, i) => ({ route, status, ms: ms(i) }));

describe('the load bench figures', () => {
  it('should take the nearest-rank percentile of sorted latencies', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99), percentile([], 0.5)]).toEqual([50, 95, 99, 0]);
  });

  it('should count a 412 to a write as a conflict, not an error, and a 5xx as a server error', () => {
    const run = [
      ...samples('ops-health', [200, 200, 200, 200], () => 10),
      ...samples('flows-apply-operations', [200, 412, 412, 503], () => 40),
      ...samples('flows-get', [200, 412, 404, 0], () => 20),
    ];
    const routes = routeFigures(run, 2);
    expect(routes['flows-apply-operations']).toMatchObject({ requests: 4, conflicts: 2, server_errors: 1, error_rate: 0.25, rps: 2 });
    expect(routes['flows-get']).toMatchObject({ conflicts: 0, server_errors: 0, error_rate: 0.75 });
    expect(totals(run, 2)).toMatchObject({ requests: 12, conflicts: 2, server_errors: 1, unanswered: 1, errors: 4 });
  });

  it('should state each percentile as a ratio to the same percentile of ops-health', () => {
    const run = [...samples('ops-health', [200, 200], () => 10), ...samples('flows-lint', [200, 200], (i) => 25 + i * 10)];
    expect(routeFigures(run, 1)['flows-lint']).toMatchObject({ p50_ms: 25, p99_ms: 35, p50_ratio: 2.5, p99_ratio: 3.5 });
    expect(routeFigures(run, 1)['ops-health']).toMatchObject({ p50_ratio: 1, p95_ratio: 1, p99_ratio: 1 });
  });
});

describe('the load mix', () => {
  it('should draw the same actions from the same seed, GET /v1/health first and every tenth, the rest by weight', () => {
    const draw = (seed: number) => {
      const picker = actionPicker(seed);
      return Array.from({ length: 8600 }, () => picker.next());
    };
    const actions = draw(17);
    expect(actions).toEqual(draw(17));
    expect(actions.filter((_, i) => i % healthEvery === 0).every((action) => action === 'health')).toBe(true);
    const weights = Object.values(mixWeights).reduce((sum, weight) => sum + weight, 0);
    const flowGets = actions.filter((action) => action === 'flowGet').length / (actions.length * (1 - 1 / healthEvery));
    expect(Math.abs(flowGets - mixWeights.flowGet / weights)).toBeLessThan(0.02);
  });
});
