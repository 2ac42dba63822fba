import type { Db } from 'mongodb';
import type { WorkspaceRecord, WorkspaceStore } from '../../workspaces/index.ts';
import { apiKeyCollection, insertRevocations } from './api-key-store.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { workspaceTombstoneCollection } from './membership-store.ts';
import { defineCollection } from './collection.ts';

export const workspaceCollection = defineCollection({
  name: 'workspaces',
  privacy: {
    classes: ['pseudonymous', 'user-content'],
    personalData: ['identity', 'content'],
    retention: 'workspace',
    subject: { workspaceId: '_id', userId: 'ownerId' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [
    { name: 'workspaces_owner', keys: { ownerId: 1 } },
    // The trial cron reads workspaces by trial end (a range: it scans on FerretDB).
    { name: 'workspaces_trial_ends', keys: { trialEndsAt: 1 } },
  ],
});

interface WorkspaceDocument extends Omit<WorkspaceRecord, 'id' | 'deletedAt'> {
  _id: string;
  schemaVersion: 1;
  /** Absent on documents written before soft delete existed: read as null. */
  deletedAt?: Date | null;
}

const toRecord = ({ _id, schemaVersion: _v, deletedAt, ...rest }: WorkspaceDocument): WorkspaceRecord => ({
  id: _id,
  ...rest,
  deletedAt: deletedAt ?? null,
});
const isActive = (doc: WorkspaceDocument) => doc.deletedAt === undefined || doc.deletedAt === null;

/** `workspaces` (personal ones are written by identity's registration in the same shape). */
export const createWorkspaceStore = (db: Db): WorkspaceStore => {
  const workspaces = workspaceCollection.in<WorkspaceDocument>(db);
  // Equality filters only (FerretDB uses indexes for nothing else); deleted ones are dropped here.
  const activeOf = async (filter: Record<string, unknown>) => (await workspaces.find(filter).toArray()).filter(isActive);
  return {
    insert: async ({ id, ...workspace }) => {
      await workspaces.insertOne({ _id: id, schemaVersion: 1, ...workspace });
    },
    findActive: async (id) => {
      const doc = await workspaces.findOne({ _id: id });
      return doc && isActive(doc) ? toRecord(doc) : null;
    },
    findActiveByIds: async (ids) => (ids.length === 0 ? [] : (await activeOf({ _id: { $in: [...ids] } })).map(toRecord)),
    findPersonal: async (userId) => {
      const [doc] = await activeOf({ ownerId: userId, personal: true });
      return doc ? toRecord(doc) : null;
    },
    findOwned: async (userId) => (await activeOf({ ownerId: userId })).map(toRecord),
    rename: async (id, name) => {
      await workspaces.updateOne({ _id: id }, { $set: { name } });
    },
    setOwner: async (id, ownerId) => {
      await workspaces.updateOne({ _id: id }, { $set: { ownerId } });
    },
    markDeleted: async (id, by, at) => {
      // The tombstone first: from this insert on, the authenticator finds no member (404).
      try {
        await workspaceTombstoneCollection.in(db).insertOne({ _id: id as never, schemaVersion: 1, deletedBy: by, deletedAt: at });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await workspaces.updateOne({ _id: id }, { $set: { deletedAt: at } });
      const keys = await apiKeyCollection
        .in<{ _id: string }>(db)
        .find({ workspaceId: id }, { projection: { _id: 1 } })
        .toArray();
      await insertRevocations(
        db,
        id,
        keys.map((key) => key._id),
        at,
      );
    },
  };
};
