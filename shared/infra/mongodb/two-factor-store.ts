import type { Db } from 'mongodb';
import type { TotpEnrollment, TwoFactorStore } from '../../identity/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { authConfig } from '../jose/auth-config.ts';
import { open, seal, type SealedSecret } from '../crypto/sealed-secret.ts';
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
  secret: SealedSecret;
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
 * 2FA state: `two_factor_pending` and `two_factor` (secrets sealed with AES-256-GCM under the
 * key-encryption key, bound to user and enrollment), `two_factor_backup_codes` (SHA-256 of
 * enrollment id and code) with their uses in `two_factor_backup_codes_used`, and
 * `totp_steps_used` (`<userId>:<step>`) against replays.
 */
export const createTwoFactorStore = (db: Db, kek: Buffer): TwoFactorStore => {
  const pending = twoFactorPendingCollection.in<EnrollmentDocument>(db);
  const active = twoFactorCollection.in<EnrollmentDocument & { enabledAt: Date }>(db);
  const codes = backupCodeCollection.in<{ _id: string; schemaVersion: 1; enrollmentId: string; userId: string; createdAt: Date }>(db);
  const codeUses = backupCodeUseCollection.in<{ _id: string; schemaVersion: 1; usedAt: Date }>(db);
  const stepUses = totpStepUseCollection.in<{ _id: string; schemaVersion: 1; usedAt: Date }>(db);
  const context = (userId: string, enrollmentId: string) => `totp:${userId}:${enrollmentId}`;
  const toDocument = (userId: string, { enrollmentId, secret, createdAt }: TotpEnrollment): EnrollmentDocument => ({
    _id: userId,
    schemaVersion: 1,
    enrollmentId,
    secret: seal(kek, context(userId, enrollmentId), secret),
    createdAt,
  });
  const toEnrollment = (doc: EnrollmentDocument | null): TotpEnrollment | null =>
    doc && { enrollmentId: doc.enrollmentId, secret: open(kek, context(doc._id, doc.enrollmentId), doc.secret), createdAt: doc.createdAt };
  const codeId = (enrollmentId: string, code: string) => hashToken(`${enrollmentId}:${code}`);

  return {
    savePending: async (userId, enrollment) => {
      await pending.replaceOne({ _id: userId }, toDocument(userId, enrollment), { upsert: true });
    },
    findPending: async (userId) => toEnrollment(await pending.findOne({ _id: userId })),
    findActive: async (userId) => toEnrollment(await active.findOne({ _id: userId })),
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
      await active.replaceOne({ _id: userId }, { ...toDocument(userId, enrollment), enabledAt: now }, { upsert: true });
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

/** The 2FA store of a function instance; secrets sealed under AUTH_KEY_ENCRYPTION_KEY. */
export const twoFactorStore = defineResource({
  name: 'two-factor-store',
  config: authConfig,
  requires: [mongo],
  create: (config, { use }) => createTwoFactorStore(use(mongo).db, Buffer.from(config.AUTH_KEY_ENCRYPTION_KEY, 'base64')),
});
