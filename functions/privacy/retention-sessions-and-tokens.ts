import { sessionsAndTokensRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: deletes sessions and refresh tokens 30 days after expiry, and used or expired one-time tokens.',
  schedule: '20 2 * * *',
  uses: [sessionsAndTokensRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'credentials', 'network'],
    purpose: 'remove expired sessions and sign-in tokens (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(sessionsAndTokensRetention).run(new Date(tick.time));
    log.info({ rule: 'sessions-and-tokens', removed }, 'retention job done');
  },
});
