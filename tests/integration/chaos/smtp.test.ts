import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { smtpScenario } from '../../../scripts/chaos/scenarios/service-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...smtpScenario.services] }), servicesHookTimeoutMs);

describe('chaos: the SMTP server stopped, then back', () => {
  it('should answer invitations with 503 MAIL_UNAVAILABLE and Retry-After, store none that was not mailed, keep lists answering and recover without a restart', async () => {
    const summary = await runScenario(smtpScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(Object.keys(summary.phases.fault.unavailable)).toEqual(['MAIL_UNAVAILABLE']);
    expect(summary.phases.fault.byStatus['200']).toBeGreaterThan(0);
  }, 90_000);
});
