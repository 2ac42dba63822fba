import type { Db } from 'mongodb';
import type { DeletedWorkspaces } from '../../knowledge/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { chroma } from '../chroma/chroma-client.ts';
import { createChromaVectorIndex } from '../chroma/knowledge-vector-index.ts';
import { workspaceTombstoneCollection } from '../mongodb/membership-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { knowledgeConfig } from './knowledge-config.ts';

/**
 * The knowledge collections alone (no embedder, ledger or documents), for jobs that only manage
 * collections: they need neither the embedding provider's settings nor its secret.
 */
export const knowledgeVectors = defineResource({
  name: 'knowledge-vectors',
  config: knowledgeConfig,
  requires: [chroma],
  create: (settings, { use }) => createChromaVectorIndex(use(chroma), settings.KNOWLEDGE_COLLECTION_PREFIX),
});

/** Deleted workspaces are those with a tombstone (written first by the soft delete). */
export const createDeletedWorkspaces = (db: Db): DeletedWorkspaces => ({
  among: async (ids) =>
    ids.length === 0
      ? []
      : (
          await workspaceTombstoneCollection
            .in<{ _id: string }>(db)

            .find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } })
            .toArray()
        ).map((found) => found._id),
});

/** The deleted workspaces (their tombstones), for the collection sweep. */
export const deletedWorkspaces = defineResource({
  name: 'knowledge-deleted-workspaces',
  config: defineConfig({ name: 'knowledge-deleted-workspaces', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }) => createDeletedWorkspaces(use(mongo).db),
});
