import type { Db } from 'mongodb';
import type { TotpEnrollment, TwoFactorStore } from '../../identity/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { authConfig, authKeyring } from '../jose/auth-config.ts';
import { dataKeyErrors } from '../crypto/data-keys.ts';
import { isSealedValue, type SealedValue } from '../crypto/envelope.ts';
import { fieldSealer, type FieldSealer } from '../crypto/field-sealer.ts';
import { openWithRing, type Keyring } from '../crypto/keyring.ts';
import type { SealedSecret } from '../crypto/sealed-secret.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { mongo } from './mongo-resource.ts';
import { hashToken } from './token-hash.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

/** `_id` = user id: one pending and one active enrollment per user. */
interface EnrollmentDocument {
  _id: string;
  schemaVersion: 1;
  enrollmentId: string;
  /** Sealed under the person's data key; a `SealedSecret` under the KEK when written before that. */
  secret: SealedValue | SealedSecret;
  createdAt: Date;
}

const insertOnce = async (insert: () => Promise<unknown>): Promise<boolean> => {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

export const twoFactorPendingCollection = defineCollection({
  name: 'two_factor_pending',
  privacy: {
    classes: ['secret'],
    personalData: ['credentials'],
    retention: 'short-lived',
    subject: { userId: '_id' },
    export: { none: 'an unconfirmed TOTP secret: a credential, never handed out' },
    erase: 'delete',
  },
});

export const twoFactorCollection = defineCollection({
  name: 'two_factor',
  privacy: {
    classes: ['secret'],
    personalData: ['credentials', 'security'],
    retention: 'account',
    subject: { userId: '_id' },
    export: 'records',
    erase: 'delete',
  },
});

export const backupCodeCollection = defineCollection({
  name: 'two_factor_backup_codes',
  privacy: {
    classes: ['secret'],
    personalData: ['credentials'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: { none: 'backup-code digests: credentials, never handed out' },
    erase: 'delete',
  },
});

export const backupCodeUseCollection = defineCollection({
  name: 'two_factor_backup_codes_used',
  privacy: noPersonalData('which backup codes were used, by digest', 'account', ['secret']),
});

export const totpStepUseCollection = defineCollection({
  name: 'totp_steps_used',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['security'],
    retention: 'short-lived',
    subject: null,
    export: { none: 'replay marks (`<userId>:<step>`), needed for 90 seconds' },
    erase: { none: 'replay marks expire with the 30-second step; removed with the expired tokens' },
  },
});

/**
 * 2FA state: `two_factor_pending` and `two_factor` (secrets sealed under the person's data key,
 * bound to collection, user and enrollment, so erasure crypto-shreds them; those written before
 * under `kek`, the AUTH_KEY_ENCRYPTION_KEY, still open), `two_factor_backup_codes` (SHA-256 of
 * enrollment id and code) with their uses in `two_factor_backup_codes_used`, and
 * `totp_steps_used` (`<userId>:<step>`) against replays.
 */
export const createTwoFactorStore = (db: Db, kek: Keyring, sealer: FieldSealer): TwoFactorStore => {
  const pending = twoFactorPendingCollection.in<EnrollmentDocument>(db);
  const active = twoFactorCollection.in<EnrollmentDocument & { enabledAt: Date }>(db);
  const codes = backupCodeCollection.in<{ _id: string; schemaVersion: 1; enrollmentId: string; userId: string; createdAt: Date }>(db);
  const codeUses = backupCodeUseCollection.in<{ _id: string; schemaVersion: 1; usedAt: Date }>(db);
  const stepUses = totpStepUseCollection.in<{ _id: string; schemaVersion: 1; usedAt: Date }>(db);
  const context = (userId: string, enrollmentId: string) => `totp:${userId}:${enrollmentId}`;
  const where = (collection: string, userId: string, enrollmentId: string) => ({
    collection,
    field: 'secret',
    recordId: `${userId}:${enrollmentId}`,
  });
  const toDocument = async (collection: string, userId: string, { enrollmentId, secret, createdAt }: TotpEnrollment) => ({
    _id: userId,
    schemaVersion: 1 as const,
    enrollmentId,
    secret: await sealer.seal(userId, where(collection, userId, enrollmentId), secret),
    createdAt,
  });
  const toEnrollment = async (collection: string, doc: EnrollmentDocument | null): Promise<TotpEnrollment | null> => {
    if (!doc) return null;
    const { _id: userId, enrollmentId, secret: stored, createdAt } = doc;
    if (!isSealedValue(stored)) return { enrollmentId, secret: openWithRing(kek, context(userId, enrollmentId), stored), createdAt };
    const secret = await sealer.open(userId, where(collection, userId, enrollmentId), stored);
    // Fail closed: a shredded secret must not read as "no second factor".
    if (secret === null) throw dataKeyErrors.destroyed();
    return { enrollmentId, secret, createdAt };
  };
  const codeId = (enrollmentId: string, code: string) => hashToken(`${enrollmentId}:${code}`);

  return {
    savePending: async (userId, enrollment) => {
      await pending.replaceOne({ _id: userId }, await toDocument(pending.collectionName, userId, enrollment), { upsert: true });
    },
    findPending: async (userId) => toEnrollment(pending.collectionName, await pending.findOne({ _id: userId })),
    findActive: async (userId) => toEnrollment(active.collectionName, await active.findOne({ _id: userId })),
    activate: async (userId, enrollment, backupCodes) => {
      const now = new Date();
      await codes.insertMany(
        backupCodes.map((code) => ({
          _id: codeId(enrollment.enrollmentId, code.replaceAll('-', '')),
          schemaVersion: 1 as const,
          enrollmentId: enrollment.enrollmentId,
          userId,
          createdAt: now,
        })),
      );
      const document = { ...(await toDocument(active.collectionName, userId, enrollment)), enabledAt: now };
      await active.replaceOne({ _id: userId }, document, { upsert: true });
      await pending.deleteOne({ _id: userId, enrollmentId: enrollment.enrollmentId });
    },
    deactivate: async (userId) => {
      await active.deleteOne({ _id: userId });
    },
    useBackupCode: async (enrollmentId, code) => {
      const id = codeId(enrollmentId, code);
      if ((await codes.countDocuments({ _id: id }, { limit: 1 })) === 0) return false;
      return insertOnce(() => codeUses.insertOne({ _id: id, schemaVersion: 1, usedAt: new Date() }));
    },
    useTimeStep: (userId, step) => insertOnce(() => stepUses.insertOne({ _id: `${userId}:${step}`, schemaVersion: 1, usedAt: new Date() })),
  };
};

/** The 2FA store of a function instance; secrets sealed under each person's data key. */
export const twoFactorStore = defineResource({
  name: 'two-factor-store',
  config: authConfig,
  requires: [mongo, fieldSealer],
  create: (config, { use }) => createTwoFactorStore(use(mongo).db, authKeyring(config), use(fieldSealer)),
});
