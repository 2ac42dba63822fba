import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createDeletedWorkspaces, knowledgeVectors } from '../../shared/infra/knowledge/knowledge-vectors.ts';
import { dropDeletedWorkspaceCollections } from '../../shared/knowledge/index.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  name: 'knowledge-drop-deleted-collections',
  domain: 'knowledge',
  description: "Every ten minutes, drops the Chroma collection of each deleted workspace (the workspace's tombstone decides).",
  schedule: '*/10 * * * *',
  uses: [mongo, knowledgeVectors],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (_tick, { use, log }) => {
    const dropped = await dropDeletedWorkspaceCollections({
      vectors: use(knowledgeVectors),
      deleted: createDeletedWorkspaces(use(mongo).db),
    });
    if (dropped.length > 0) log.info({ dropped }, 'knowledge collections of deleted workspaces dropped');
  },
});
