import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Db } from 'mongodb';
import type { KeySchedule } from '../../identity/signing-key-schedule.ts';
import { openWithRing, sealWithRing, type Keyring } from '../crypto/keyring.ts';
import type { SealedSecret } from '../crypto/sealed-secret.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const signingKeyCollection = defineCollection({
  name: 'signing_keys',
  privacy: noPersonalData('the access-token signing keys (private halves sealed)', 'operational', ['secret']),
  indexes: [{ name: 'signing_keys_created', keys: { createdAt: -1 } }],
});

interface SigningKeyDocument {
  _id: string;
  schemaVersion: 1;
  alg: 'ES256';
  period: number;
  publicJwk: JWK;
  privateJwk: SealedSecret;
  createdAt: Date;
  signsFrom: Date;
  verifiesUntil: Date;
}

/** A signing key with its private half opened. */
export interface SigningKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  verifiesUntil: Date;
}

/** Signing keys in MongoDB, private halves sealed under the key-encryption key (any key of the ring opens them). */
export const createSigningKeyStore = (db: Db, kek: Keyring, schedule: KeySchedule) => {
  const keys = signingKeyCollection.in<SigningKeyDocument>(db);
  const toKey = (doc: SigningKeyDocument): SigningKey => ({
    kid: doc._id,
    publicJwk: doc.publicJwk,
    privateJwk: JSON.parse(openWithRing(kek, doc._id, doc.privateJwk)) as JWK,
    verifiesUntil: doc.verifiesUntil,
  });

  /** The key of a period, created when missing. Concurrent callers all get the one that was inserted. */
  const ensure = async (period: number, now: Date): Promise<SigningKey> => {
    const kid = schedule.kidOf(period);
    const existing = await keys.findOne({ _id: kid });
    if (existing) return toKey(existing);
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const document: SigningKeyDocument = {
      _id: kid,
      schemaVersion: 1,
      alg: 'ES256',
      period,
      publicJwk,
      privateJwk: sealWithRing(kek, kid, JSON.stringify(await exportJWK(privateKey))),
      createdAt: now,
      signsFrom: schedule.startOf(period),
      verifiesUntil: schedule.verifiesUntil(period),
    };
    try {
      await keys.insertOne(document);
      return toKey(document);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await keys.findOne({ _id: kid });
      if (!winner) throw error;
      return toKey(winner);
    }
  };

  return {
    ensure,
    /** Public keys that may still verify a token at `now` (current, next and recently retired). */
    publicKeys: async (now: Date): Promise<JWK[]> => {
      const docs = await keys.find({ period: { $gte: schedule.periodOf(now) - 1 } }).toArray();
      return docs
        .filter((doc) => doc.verifiesUntil > now)
        .sort((a, b) => b.period - a.period)
        .map((doc) => doc.publicJwk);
    },
    /** Deletes keys that stopped verifying before `cutoff`; returns how many. */
    deleteRetired: async (cutoff: Date): Promise<number> => (await keys.deleteMany({ verifiesUntil: { $lt: cutoff } })).deletedCount,
  };
};

export type SigningKeyStore = ReturnType<typeof createSigningKeyStore>;
