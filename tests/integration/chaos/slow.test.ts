import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { slowScenario } from '../../../scripts/chaos/scenarios/flows-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...slowScenario.services] }), servicesHookTimeoutMs);

describe('chaos: a slow database', () => {
  it('should answer every request late rather than as an error, with nothing half-written', async () => {
    const summary = await runScenario(slowScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(summary.phases.fault.requests).toBeGreaterThan(0);
    expect(summary.phases.fault.unavailable).toEqual({});
  }, 90_000);
});
