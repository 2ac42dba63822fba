import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { stripeScenario } from '../../../scripts/chaos/scenarios/service-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...stripeScenario.services] }), servicesHookTimeoutMs);

describe('chaos: stripe-mock stopped, then back', () => {
  it('should answer checkout with 503 PAYMENT_PROVIDER_UNAVAILABLE and Retry-After, keep billing reads, keep one account per workspace and recover without a restart', async () => {
    const summary = await runScenario(stripeScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(Object.keys(summary.phases.fault.unavailable)).toEqual(['PAYMENT_PROVIDER_UNAVAILABLE']);
    expect(summary.phases.fault.byStatus['200']).toBeGreaterThan(0);
  }, 90_000);
});
