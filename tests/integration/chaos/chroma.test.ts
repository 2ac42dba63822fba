import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../scripts/chaos/run-scenario.ts';
import { chromaScenario } from '../../../scripts/chaos/scenarios/service-scenarios.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

// The dependency is cut at a proxy of this file's own (scripts/chaos/fault-proxy.ts): the shared service keeps serving every other test.
beforeAll(() => ensureServices({ only: [...chromaScenario.services] }), servicesHookTimeoutMs);

describe('chaos: Chroma stopped, then back', () => {
  it('should answer search and questions with 503 KNOWLEDGE_UNAVAILABLE and Retry-After, keep listing documents, charge nothing for a failed question and recover without a restart', async () => {
    const summary = await runScenario(chromaScenario, { faultMs: 4000 });

    expect(summary.violations).toEqual([]);
    expect(summary.server_errors).toBe(0);
    expect(summary.partial_writes).toBe(0);
    expect(summary.recovered).toBe(true);
    expect(Object.keys(summary.phases.fault.unavailable)).toEqual(['KNOWLEDGE_UNAVAILABLE']);
    expect(summary.phases.fault.byStatus['200']).toBeGreaterThan(0);
  }, 90_000);
});
