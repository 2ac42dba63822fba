import type { Db } from 'mongodb';
import type { DeletedWorkspaces } from '../../knowledge/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { chroma } from '../chroma/chroma-client.ts';
import { createChromaVectorIndex } from '../chroma/knowledge-vector-index.ts';
import { workspaceTombstoneCollection } from '../mongodb/membership-store.ts';
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
          await db
            .collection<{ _id: string }>(workspaceTombstoneCollection)
            .find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } })
            .toArray()
        ).map((found) => found._id),
});
