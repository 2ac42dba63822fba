import { erasureRunner } from '../../shared/infra/privacy/erasure-runner-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Erasures per run (each is some hundred writes); the rest follow on the next tick. */
const batchSize = 20;

export default defineCronFunction({
  description:
    'Every 15 minutes, carries out the erasures whose 30-day grace is over, store by store of the data map, resumable, ending with a receipt.',
  schedule: '*/15 * * * *',
  uses: [erasureRunner],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'contact', 'content', 'credentials', 'usage', 'billing', 'security', 'network'],
    purpose: 'carry out requests to erase an account (the right to erasure) across every store, then hand a receipt',
    legalBasis: 'legal-obligation',
  },
  handler: async (_tick, { use, log }) => {
    const outcomes = await use(erasureRunner).runDue(batchSize);
    for (const outcome of outcomes) {
      if (outcome.state === 'completed') log.info({ receiptId: outcome.runId, stores: outcome.receipt.stores.length }, 'erasure done');
      else if (outcome.state === 'busy') log.info({ receiptId: outcome.runId }, 'erasure held by another worker');
      // Ids only: the error of a step may quote a record, never logged whole.
      else
        log.warn(
          { receiptId: outcome.runId, code: outcome.code },
          outcome.state === 'blocked' ? 'erasure blocked' : 'erasure step failed; resumes on the next tick',
        );
    }
    const failed = outcomes.filter((o) => o.state === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} erasure(s) failed a step: ${failed.map((o) => o.runId).join(', ')}`);
  },
});
