import type { Db } from 'mongodb';
import type { ConsentEntry, ConsentLog } from '../../privacy/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

interface ConsentEntryDocument extends ConsentEntry {
  /** `<userId>:<seq>`: entry n + 1 of a person can be inserted once. */
  _id: string;
  schemaVersion: 1;
}

export const consentEntryCollection = defineCollection<ConsentEntryDocument>({
  name: 'consent_entries',
  indexes: [
    // The commit point of a change (with `_id`), and the newest entry of a person by number.
    { name: 'consent_entries_user_seq_unique', keys: { userId: 1, seq: 1 }, unique: true },
  ],
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['identity', 'network'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
});

const toEntry = ({ _id, schemaVersion: _s, ...entry }: ConsentEntryDocument): ConsentEntry => entry;

/** `consent_entries`: each person's consent changes, append-only, numbered per person. */
export const createConsentStore = (db: Db): ConsentLog => {
  const entries = consentEntryCollection.in(db);
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
    list: async (userId, { beforeSeq, limit }) =>
      (
        await entries
          .find(beforeSeq === undefined ? { userId } : { userId, seq: { $lt: beforeSeq } })
          .sort({ seq: -1 })
          .limit(limit)
          .toArray()
      ).map(toEntry),
  };
};
