import type { Db } from 'mongodb';
import type { RestrictionEntry, RestrictionLog } from '../../privacy/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

interface RestrictionEntryDocument extends RestrictionEntry {
  /** `<userId>:<seq>`: entry n + 1 of a person can be inserted once. */
  _id: string;
  schemaVersion: 1;
}

export const restrictionEntryCollection = defineCollection<RestrictionEntryDocument>({
  name: 'privacy_restrictions',
  indexes: [
    { name: 'privacy_restrictions_user_seq_unique', keys: { userId: 1, seq: 1 }, unique: true },
    { name: 'privacy_restrictions_at', keys: { at: -1 } },
  ],
  privacy: {
    classes: ['pseudonymous', 'network', 'user-content'],
    personalData: ['identity', 'network', 'content'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
});

const toEntry = ({ _id, schemaVersion: _s, ...entry }: RestrictionEntryDocument): RestrictionEntry => entry;

/** `privacy_restrictions`: each person's restrictions and objections, append-only, numbered per person. */
export const createRestrictionStore = (db: Db): RestrictionLog => {
  const entries = restrictionEntryCollection.in(db);
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
