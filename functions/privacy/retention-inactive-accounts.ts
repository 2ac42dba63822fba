import { inactiveAccountsRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    'Daily: mails a notice to free accounts inactive for 2 years, and schedules the erasure of those still inactive 30 days later.',
  schedule: '0 3 * * *',
  uses: [inactiveAccountsRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'contact', 'usage'],
    purpose: 'erase free accounts unused for two years, after a notice (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(inactiveAccountsRetention).run(new Date(tick.time));
    log.info({ rule: 'inactive-accounts', removed }, 'retention job done');
  },
});
