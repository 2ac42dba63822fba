import { deletedWorkspacesRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    'Daily: purges workspaces 30 days after their deletion, with their members, invitations, flows, templates, API keys, knowledge and AI records.',
  schedule: '45 2 * * *',
  uses: [deletedWorkspacesRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['contact', 'identity', 'content'],
    purpose: 'remove deleted workspaces and what they held once the deletion is final (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(deletedWorkspacesRetention).run(new Date(tick.time));
    log.info({ rule: 'deleted-workspaces', removed }, 'retention job done');
  },
});
