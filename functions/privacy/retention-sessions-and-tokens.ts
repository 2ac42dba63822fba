import { sessionsAndTokensRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    'Daily: deletes sessions and refresh tokens 30 days after expiry, used or expired one-time tokens, and invitations never accepted 30 days after they expired.',
  schedule: '20 2 * * *',
  uses: [sessionsAndTokensRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity', 'credentials', 'network', 'contact'],
    purpose: 'remove expired sessions, sign-in tokens and invitations (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(sessionsAndTokensRetention).run(new Date(tick.time));
    log.info({ rule: 'sessions-and-tokens', removed }, 'retention job done');
  },
});
