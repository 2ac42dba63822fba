import { workspaceKeys } from '../../shared/infra/crypto/workspace-keys.ts';
import { deletedWorkspaces, knowledgeVectors } from '../../shared/infra/knowledge/knowledge-vectors.ts';
import { dropDeletedWorkspaceCollections } from '../../shared/knowledge/index.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    "Every ten minutes, destroys the data key of each deleted workspace (its sealed documents stop opening, backups included) and drops its Chroma collection (the workspace's tombstone decides).",
  schedule: '*/10 * * * *',
  uses: [deletedWorkspaces, knowledgeVectors, workspaceKeys],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  privacy: {
    personalData: ['content'],
    purpose: 'remove the searchable copies of the documents of deleted workspaces',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    // The key first: the documents are unreadable everywhere even before their searchable copies go.
    const shredded = await use(workspaceKeys).shredDeleted();
    if (shredded.length > 0) log.info({ shredded }, 'data keys of deleted workspaces destroyed');
    const dropped = await dropDeletedWorkspaceCollections({
      vectors: use(knowledgeVectors),
      deleted: use(deletedWorkspaces),
    });
    if (dropped.length > 0) log.info({ dropped }, 'knowledge collections of deleted workspaces dropped');
  },
});
