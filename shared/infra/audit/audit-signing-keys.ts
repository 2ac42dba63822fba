import type { Db } from 'mongodb';
import type { CheckpointSigner, SignatureCheck } from '../../audit/index.ts';
import { openWithRing, sealWithRing, type Keyring } from '../crypto/keyring.ts';
import type { SealedSecret } from '../crypto/sealed-secret.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { newEd25519Pair, publicKeysFromJwks, signatureCheckOf, signEd25519, type AuditPublicJwk } from './audit-crypto.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

/** Audit signing keys, one per UTC year; never deleted: a checkpoint must verify for as long as the log is kept. */
export const auditSigningKeyCollection = defineCollection({
  name: 'audit_signing_keys',
  privacy: noPersonalData('the audit checkpoint signing keys (private halves sealed)', 'audit-log', ['secret']),
});

interface AuditSigningKeyDocument {
  _id: string;
  schemaVersion: 1;
  alg: 'Ed25519';
  publicJwk: AuditPublicJwk;
  /** PKCS #8 DER, base64, sealed under AUDIT_KEY_ENCRYPTION_KEY with the key id as associated data. */
  privateKey: SealedSecret;
  createdAt: Date;
}

/** The key id of a moment: a new key each UTC year (rotation without a job). */
export const auditKeyIdOf = (now: Date): string => `audit-${now.getUTCFullYear()}`;

/** The audit signing keys in MongoDB: the signer of the checkpoint cron and the published public keys. */
export const createAuditSigningKeys = (db: Db, kek: Keyring) => {
  const keys = auditSigningKeyCollection.in<AuditSigningKeyDocument>(db);

  /** The key of `now`'s year, created when missing; concurrent creators all get the one inserted first. */
  const ensure = async (now: Date): Promise<AuditSigningKeyDocument> => {
    const kid = auditKeyIdOf(now);
    const existing = await keys.findOne({ _id: kid });
    if (existing) return existing;
    const { publicJwk, privatePkcs8 } = newEd25519Pair(kid);
    const document: AuditSigningKeyDocument = {
      _id: kid,
      schemaVersion: 1,
      alg: 'Ed25519',
      publicJwk,
      privateKey: sealWithRing(kek, kid, privatePkcs8),
      createdAt: now,
    };
    try {
      await keys.insertOne(document);
      return document;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await keys.findOne({ _id: kid });
      if (!winner) throw error;
      return winner;
    }
  };

  const publicKeys = async (): Promise<AuditPublicJwk[]> =>
    (await keys.find({}).toArray()).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((doc) => doc.publicJwk);

  const signer: CheckpointSigner = {
    current: async (now) => {
      const document = await ensure(now);
      const privatePkcs8 = openWithRing(kek, document._id, document.privateKey);
      return { keyId: document._id, sign: (message) => signEd25519(privatePkcs8, message) };
    },
  };

  return {
    ensure,
    signer,
    /** The public keys, newest first: what `/.well-known/audit-keys.json` publishes. */
    publicKeys,
    /** A signature check over the published keys (what an offline verifier would use). */
    signatureCheck: async (): Promise<SignatureCheck> => signatureCheckOf(publicKeysFromJwks({ keys: await publicKeys() })),
  };
};

export type AuditSigningKeys = ReturnType<typeof createAuditSigningKeys>;
