import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { mongodbScenario } from '../../../scripts/chaos/scenarios/flows-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...mongodbScenario.services] }), servicesHookTimeoutMs);

describe('chaos: the MongoDB-compatible server stopped, then back', () => {
  it('should answer 503 DEPENDENCY_UNAVAILABLE with Retry-After while it is gone (a cold instance too), then serve again from the same instances with contiguous versions, a reconciled ledger and every flow event published', async () => {
    const summary = await runScenario(mongodbScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(Object.keys(summary.phases.fault.unavailable)).toContain('DEPENDENCY_UNAVAILABLE');
    expect(summary.findings.probes).toEqual({ 'flows-get': 200, 'flows-apply-operations': 200, 'flows-list': 200, 'billing-get': 200 });
    expect(summary.findings.published).toBeGreaterThan(0);
  }, 90_000);
});
