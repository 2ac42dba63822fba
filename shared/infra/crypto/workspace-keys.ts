import type { Db } from 'mongodb';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { workspaceTombstoneCollection } from '../mongodb/membership-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { dataKeyCollection } from './data-keys.ts';
import { fieldSealer, type FieldSealer } from './field-sealer.ts';

// Workspace ids are `wsp_…`; user ids `usr_…`: both kinds of key share `user_data_keys`.
const workspaceKeyIds = /^wsp_/;

export interface WorkspaceKeys {
  /** Destroys the data key of every deleted workspace (a tombstone) that still has one; the ids destroyed. */
  shredDeleted: () => Promise<string[]>;
}

/**
 * A workspace's data key (its knowledge documents are sealed under it) lives as long as the
 * workspace: once the workspace has a tombstone the key is destroyed, and every copy of its
 * documents — the MongoDB records kept with the soft-deleted workspace, Chroma's chunks, backups —
 * stops opening. Idempotent: a destroyed key is a tombstone the query no longer finds.
 */
export const createWorkspaceKeys = (db: Db, sealer: FieldSealer): WorkspaceKeys => ({
  shredDeleted: async () => {
    const live = await dataKeyCollection
      .in(db)
      .find({ _id: { $regex: workspaceKeyIds }, wrapped: { $ne: null } }, { projection: { _id: 1 } })
      .toArray();
    if (live.length === 0) return [];
    const deleted = await workspaceTombstoneCollection
      .in<{ _id: string }>(db)
      .find({ _id: { $in: live.map((key) => key._id) } }, { projection: { _id: 1 } })
      .toArray();
    for (const { _id } of deleted) await sealer.shred(_id);
    return deleted.map((found) => found._id);
  },
});

export const workspaceKeys = defineResource({
  name: 'workspace-keys',
  config: defineConfig({ name: 'workspace-keys', shape: {}, devDefaults: {} }),
  requires: [mongo, fieldSealer],
  create: (_config, { use }): WorkspaceKeys => createWorkspaceKeys(use(mongo).db, use(fieldSealer)),
});
