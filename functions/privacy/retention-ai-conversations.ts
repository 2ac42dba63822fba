import { aiConversationsRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: deletes AI conversations 365 days after their last message, and AI jobs and proposals made 365 days ago.',
  schedule: '30 2 * * *',
  uses: [aiConversationsRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['content', 'usage', 'identity'],
    purpose: 'remove old AI conversations, jobs and proposals (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(aiConversationsRetention).run(new Date(tick.time));
    log.info({ rule: 'ai-conversations', removed }, 'retention job done');
  },
});
