import { deletedFlowsRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: purges flows 30 days after their deletion, with their versions and snapshots.',
  schedule: '40 2 * * *',
  uses: [deletedFlowsRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['content', 'identity'],
    purpose: 'remove deleted flows once they can no longer be restored (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(deletedFlowsRetention).run(new Date(tick.time));
    log.info({ rule: 'deleted-flows', removed }, 'retention job done');
  },
});
