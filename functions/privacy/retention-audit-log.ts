import { auditLogEndRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: removes audit entries older than 7 years, cut at a checkpoint signed before then, with their sidecar values.',
  schedule: '20 3 * * *',
  uses: [auditLogEndRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'contact', 'security'],
    purpose: 'end the audit log’s 7-year retention (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(auditLogEndRetention).run(new Date(tick.time));
    log.info({ rule: 'audit-log', removed }, 'retention job done');
  },
});
