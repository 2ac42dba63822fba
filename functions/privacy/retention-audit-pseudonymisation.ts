import { auditPseudonymisationRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: deletes the audit log’s clear personal values of people whose erasure finished.',
  schedule: '10 3 * * *',
  uses: [auditPseudonymisationRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'contact', 'security'],
    purpose: 'pseudonymise the audit log after an erasure (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(auditPseudonymisationRetention).run(new Date(tick.time));
    log.info({ rule: 'audit-pseudonymisation', removed }, 'retention job done');
  },
});
