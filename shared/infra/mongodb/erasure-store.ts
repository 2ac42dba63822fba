import type { Db } from 'mongodb';
import type { ErasureEntry, ErasureLog, SoleOwnership } from '../../privacy/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { createMemberStore } from './member-store.ts';
import { createWorkspaceStore } from './workspace-store.ts';

interface ErasureEntryDocument extends ErasureEntry {
  /** `<userId>:<seq>`: entry n + 1 of a person can be inserted once. */
  _id: string;
  schemaVersion: 1;
}

export const erasureRequestCollection = defineCollection<ErasureEntryDocument>({
  name: 'erasure_requests',
  indexes: [{ name: 'erasure_requests_user_seq_unique', keys: { userId: 1, seq: 1 }, unique: true }],
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['identity', 'network'],
    retention: 'erased-accounts',
    subject: { userId: 'userId' },
    export: 'records',
    erase: { none: 'the proof that the erasure was asked and when; it holds only the user id, which nothing names once erased' },
  },
});

const toEntry = ({ _id, schemaVersion: _s, ...entry }: ErasureEntryDocument): ErasureEntry => entry;

/** `erasure_requests`: each person's erasure requests and cancellations, append-only, numbered per person. */
export const createErasureStore = (db: Db): ErasureLog => {
  const entries = erasureRequestCollection.in(db);
  return {
    latest: async (userId) => {
      const [newest] = await entries.find({ userId }).sort({ seq: -1 }).limit(1).toArray();
      return newest ? toEntry(newest) : null;
    },
    append: async (entry) => {
      try {
        await entries.insertOne({ ...entry, _id: `${entry.userId}:${entry.seq}`, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};

/** Workspaces (not deleted) the person owns with no other owner and at least one other member. */
export const createSoleOwnership = (db: Db): SoleOwnership => {
  const members = createMemberStore(db);
  const workspaces = createWorkspaceStore(db);
  return {
    blockingWorkspaces: async (userId) => {
      const owned = (await members.listByUser(userId)).filter((m) => m.role === 'owner').map((m) => m.workspaceId);
      const active = await workspaces.findActiveByIds(owned);
      const blocking: string[] = [];
      for (const { id } of active) {
        const others = (await members.listByWorkspace(id)).filter((m) => m.userId !== userId);
        if (others.length > 0 && !others.some((m) => m.role === 'owner')) blocking.push(id);
      }
      return blocking.sort();
    },
  };
};
