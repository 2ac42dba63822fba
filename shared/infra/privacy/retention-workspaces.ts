import type { Db } from 'mongodb';
import { daysBefore, type RetentionCounts, type RetentionJob } from '../../privacy/index.ts';
import type { DataStore } from '../../platform/privacy/data-map.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { isCollectionDeclaration, type CollectionDeclaration } from '../mongodb/collection.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { workspaceTombstoneCollection } from '../mongodb/membership-store.ts';
import { workspaceCollection } from '../mongodb/workspace-store.ts';
import { childrenFirst, erasedWithWorkspace, workspaceRecordFilters } from './mongo-eraser.ts';

/** Workspaces purged per run: a backlog drains over the following days. */
const batch = 100;
const graceDays = 30;

/**
 * Deleted workspaces 30 days after their deletion: every record the erasure would delete with a
 * deleted workspace (members, invitations, flows with their versions, templates, API keys,
 * knowledge documents, AI records), the invitees' address keys destroyed first, and the workspace
 * document last — it marks a purge not finished yet, so a run cut short is picked up by the next.
 * The tombstone stays (the id answers 404 and is never reused); billing records are unlinked ones
 * kept for 10 years, the audit log its 7; the Chroma collections and the workspace's data key go
 * with the knowledge sweep (`knowledge-drop-deleted-collections`).
 */
export const deletedWorkspacesJob = (deps: { db: Db; stores: readonly DataStore[]; sealer: FieldSealer }): RetentionJob => {
  const { db } = deps;
  const collections = deps.stores.filter((s): s is CollectionDeclaration => isCollectionDeclaration(s));
  const parents = new Map(collections.map((c) => [c.name, c]));
  const purged = [
    ...childrenFirst(collections.filter((c) => erasedWithWorkspace(c) && c.name !== workspaceCollection.name)),
    workspaceCollection,
  ];

  const due = async (now: Date): Promise<string[]> => {
    const deleted = await workspaceTombstoneCollection
      .in<{ _id: string }>(db)
      .find({ deletedAt: { $lt: daysBefore(now, graceDays) } }, { projection: { _id: 1 } })
      .toArray();
    if (deleted.length === 0) return [];
    const remaining = await workspaceCollection
      .in<{ _id: string }>(db)
      .find({ _id: { $in: deleted.map((t) => t._id) } }, { projection: { _id: 1 } })
      .toArray();
    return remaining
      .map((w) => w._id)
      .sort()
      .slice(0, batch);
  };

  const each = async (
    now: Date,
    act: (collection: CollectionDeclaration, workspaceIds: string[]) => Promise<number>,
  ): Promise<RetentionCounts> => {
    const workspaceIds = await due(now);
    const counts: RetentionCounts = {};
    if (workspaceIds.length === 0) return counts;
    for (const collection of purged) {
      const removed = await act(collection, workspaceIds);
      if (removed > 0) counts[collection.name] = removed;
    }
    return counts;
  };
  const filterOf = async (collection: CollectionDeclaration, workspaceIds: string[]) => {
    const filters = await workspaceRecordFilters(db, collection, parents, workspaceIds);
    return filters.length === 0 ? null : { $or: filters };
  };

  return {
    rule: 'deleted-workspaces',
    what: `deleted workspaces ${graceDays} days after their deletion, with every record kept with them (${batch} a run)`,
    dryRun: (now) =>
      each(now, async (collection, workspaceIds) => {
        const filter = await filterOf(collection, workspaceIds);
        return filter ? collection.in(db).countDocuments(filter) : 0;
      }),
    run: (now) =>
      each(now, async (collection, workspaceIds) => {
        const filter = await filterOf(collection, workspaceIds);
        if (!filter) return 0;
        // The invitees' addresses are sealed under a key per invitation: destroyed with it.
        if (collection.name === invitationCollection.name)
          for (const { _id } of await collection
            .in(db)
            .find(filter, { projection: { _id: 1 } })
            .toArray())
            await deps.sealer.shred(String(_id));
        return (await collection.in(db).deleteMany(filter)).deletedCount;
      }),
  };
};
