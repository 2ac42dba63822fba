import type { Db } from 'mongodb';
import type { Kms } from '../kms/kms.ts';
import { defineCollection } from '../mongodb/collection.ts';

/**
 * A data key re-wrapped under a newer KEK version (after a rotation). Insert-only: each re-wrap
 * is a new revision, `_id` = `<userId>:<rev>`, so two re-wrap jobs racing on one key are
 * arbitrated by the unique `_id` (the loser's insert fails) and never by a read-then-write update.
 * Readers take the newest revision, else the first wrapped form in `user_data_keys`; every form
 * still unwraps while its KEK version exists, so a request that read the older one does not fail.
 */
export interface DataKeyWrapDocument {
  _id: string;
  schemaVersion: 1;
  userId: string;
  /** 1, 2, …: the newest wins. */
  rev: number;
  /** The data-key version it wraps (the same key as `user_data_keys.version`). */
  version: number;
  wrapped: string;
  kekVersion: string;
  kms: Kms['provider'];
  createdAt: Date;
}

export const dataKeyWrapCollection = defineCollection<DataKeyWrapDocument>({
  name: 'user_data_key_wraps',
  indexes: [{ keys: { userId: 1, rev: -1 }, name: 'user_data_key_wraps_user_newest' }],
  privacy: {
    classes: ['secret'],
    personalData: ['credentials'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: { none: 'key material is never handed out (the values it opens are exported)' },
    // Destroyed with the person's data key (the revisions are deleted after the tombstone is written).
    erase: 'crypto-shred',
  },
});

export const wrapIdOf = (userId: string, rev: number) => `${userId}:${rev}`;

/** The person's newest re-wrapped form, or null when the key was never re-wrapped. */
export const newestWrap = (db: Db, userId: string) => dataKeyWrapCollection.in(db).findOne({ userId }, { sort: { rev: -1 } });
