import { securityRecordsRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: deletes security events, login attempts and API key uses older than 90 days.',
  schedule: '50 2 * * *',
  uses: [securityRecordsRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['security', 'network', 'identity'],
    purpose: 'remove old security records (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(securityRecordsRetention).run(new Date(tick.time));
    log.info({ rule: 'security-records', removed }, 'retention job done');
  },
});
