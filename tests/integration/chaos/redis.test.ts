import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { redisScenario } from '../../../scripts/chaos/scenarios/flows-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...redisScenario.services] }), servicesHookTimeoutMs);

describe('chaos: Redis (its REST bridge) stopped, then back', () => {
  it('should keep answering reads (the rate limiter fails open), refuse writes with 503 FLOW_CACHE_UNAVAILABLE and Retry-After, and limit again once Redis is back', async () => {
    const summary = await runScenario(redisScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(summary.phases.fault.byStatus['200']).toBeGreaterThan(0);
    expect(Object.keys(summary.phases.fault.unavailable)).toEqual(['FLOW_CACHE_UNAVAILABLE']);
    expect(summary.phases.after.unavailable).toEqual({});
  }, 90_000);
});
