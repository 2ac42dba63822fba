import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { DomainError } from '../../kernel/index.ts';
import type { Kms } from '../kms/kms.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { dataKeyWrapCollection, newestWrap } from './data-key-wraps.ts';

/** One person's data key, wrapped by the KMS; after erasure a tombstone without key material. */
interface DataKeyDocument {
  /** The user id. */
  _id: string;
  schemaVersion: 1;
  /** The data-key version (recorded on every value it seals). */
  version: number;
  /** The key wrapped under `kekVersion`, base64; null once destroyed. */
  wrapped: string | null;
  kekVersion: string | null;
  kms: Kms['provider'];
  createdAt: Date;
  destroyedAt: Date | null;
}

export const dataKeyCollection = defineCollection<DataKeyDocument>({
  name: 'user_data_keys',
  privacy: {
    classes: ['secret'],
    personalData: ['credentials'],
    retention: 'account',
    subject: { userId: '_id' },
    export: { none: 'key material is never handed out (the values it opens are exported)' },
    // Crypto-shredding: with the key gone, every value sealed under it is unreadable, copies included.
    erase: 'crypto-shred',
  },
});

export interface DataKey {
  key: Buffer;
  version: number;
}

export interface DataKeys {
  /** The person's data key, made on first use. @throws DATA_KEY_DESTROYED once the person was erased. */
  current: (userId: string) => Promise<DataKey>;
  /** The person's key of `version`; null when it was destroyed or never made. */
  find: (userId: string, version: number) => Promise<Buffer | null>;
  /** Destroys the person's key for good (idempotent); a later `current` refuses. */
  destroy: (userId: string) => Promise<void>;
}

export const dataKeyErrors = {
  destroyed: () => new DomainError('precondition', 'DATA_KEY_DESTROYED', { detail: 'This account was erased.' }),
};

// The wrapped key is bound to its owner and version: copied onto another person it does not unwrap.
export const aadOf = (userId: string, version: number) => Buffer.from(`user_data_keys:${userId}:${version}`);

/**
 * Per-person data keys (32 random bytes) in `user_data_keys`, wrapped by the KMS. The first
 * writer of a person's key wins (an insert unique on `_id`); the others unwrap the winner's.
 * Unwrapped keys are kept in the instance for `cacheMs` (the KMS is not asked on every request);
 * a destroyed key may so live on in another instance's memory for that long, never at rest.
 */
export const createDataKeys = (db: Db, kms: Kms, { cacheMs = 300_000, maxCached = 1000 } = {}): DataKeys => {
  const keys = dataKeyCollection.in(db);
  const cache = new Map<string, { key: DataKey; until: number }>();
  const remember = (userId: string, key: DataKey) => {
    if (cacheMs <= 0) return key;
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
    cache.set(userId, { key, until: Date.now() + cacheMs });
    return key;
  };
  // The newest wrapped form: a re-wrap revision (after a KEK rotation) when there is one.
  const unwrap = async (doc: DataKeyDocument): Promise<DataKey> => {
    if (doc.wrapped === null || doc.kekVersion === null) throw dataKeyErrors.destroyed();
    const form = (await newestWrap(db, doc._id)) ?? doc;
    const key = await kms.unwrap(Buffer.from(form.wrapped!, 'base64'), aadOf(doc._id, doc.version), form.kekVersion!);
    return { key, version: doc.version };
  };
  const create = async (userId: string): Promise<DataKey> => {
    const key = randomBytes(32);
    const { ciphertext, kekVersion } = await kms.wrap(key, aadOf(userId, 1));
    const doc: DataKeyDocument = {
      _id: userId,
      schemaVersion: 1,
      version: 1,
      wrapped: ciphertext.toString('base64'),
      kekVersion,
      kms: kms.provider,
      createdAt: new Date(),
      destroyedAt: null,
    };
    try {
      await keys.insertOne(doc);
      return { key, version: 1 };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return unwrap((await keys.findOne({ _id: userId }))!);
    }
  };
  const current = async (userId: string): Promise<DataKey> => {
    const cached = cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.key;
    const doc = await keys.findOne({ _id: userId });
    return remember(userId, doc ? await unwrap(doc) : await create(userId));
  };
  return {
    current,
    find: async (userId, version) => {
      const cached = cache.get(userId);
      if (cached && cached.until > Date.now() && cached.key.version === version) return cached.key.key;
      const doc = await keys.findOne({ _id: userId });
      if (!doc || doc.version !== version || doc.wrapped === null) return null;
      return (await current(userId)).key;
    },
    destroy: async (userId) => {
      cache.delete(userId);
      const doc = await keys.findOne({ _id: userId });
      const tombstone: DataKeyDocument = {
        _id: userId,
        schemaVersion: 1,
        version: doc?.version ?? 1,
        wrapped: null,
        kekVersion: null,
        kms: kms.provider,
        createdAt: doc?.createdAt ?? new Date(),
        destroyedAt: doc?.destroyedAt ?? new Date(),
      };
      await keys.replaceOne({ _id: userId }, tombstone, { upsert: true });
      // After the tombstone: a re-wrap that inserts later sees it and deletes its own revision.
      await dataKeyWrapCollection.in(db).deleteMany({ userId });
    },
  };
};
