import { deletedWorkspaces, knowledgeVectors } from '../../shared/infra/knowledge/knowledge-vectors.ts';
import { dropDeletedWorkspaceCollections } from '../../shared/knowledge/index.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: "Every ten minutes, drops the Chroma collection of each deleted workspace (the workspace's tombstone decides).",
  schedule: '*/10 * * * *',
  uses: [deletedWorkspaces, knowledgeVectors],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  privacy: {
    personalData: ['content'],
    purpose: 'remove the searchable copies of the documents of deleted workspaces',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    const dropped = await dropDeletedWorkspaceCollections({
      vectors: use(knowledgeVectors),
      deleted: use(deletedWorkspaces),
    });
    if (dropped.length > 0) log.info({ dropped }, 'knowledge collections of deleted workspaces dropped');
  },
});
