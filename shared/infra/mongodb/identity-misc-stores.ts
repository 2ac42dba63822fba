import type { Db } from 'mongodb';
import type { EmailVerifications, PasswordResets, PersonalWorkspaces } from '../../identity/index.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { createOneTimeTokenStore } from './one-time-token-store.ts';
import { defineCollection } from './collection.ts';
import { membershipCollection } from './membership-store.ts';
import { workspaceCollection } from './workspace-store.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const emailVerificationCollection = defineCollection({
  name: 'email_verifications',
  privacy: {
    classes: ['secret', 'pseudonymous'],
    personalData: ['credentials', 'contact'],
    retention: 'short-lived',
    subject: { userId: 'userId' },
    export: { none: 'one-time token digests and the sealed address mailed, expiring within days' },
    erase: 'delete',
  },
  indexes: [{ name: 'email_verifications_user', keys: { userId: 1 } }],
});

export const emailVerificationUseCollection = defineCollection({
  name: 'email_verifications_used',
  privacy: noPersonalData('which one-time tokens were used, by digest', 'short-lived', ['secret']),
});

export const passwordResetCollection = defineCollection({
  name: 'password_resets',
  privacy: {
    classes: ['secret', 'pseudonymous'],
    personalData: ['credentials', 'contact'],
    retention: 'short-lived',
    subject: { userId: 'userId' },
    export: { none: 'one-time token digests, expiring within an hour' },
    erase: 'delete',
  },
  indexes: [{ name: 'password_resets_user', keys: { userId: 1 } }],
});

export const passwordResetUseCollection = defineCollection({
  name: 'password_resets_used',
  privacy: noPersonalData('which one-time tokens were used, by digest', 'short-lived', ['secret']),
});

/** `email_verifications` (+ `email_verifications_used`): `_id` is the token's SHA-256; the address sealed. */
export const createEmailVerificationStore = (db: Db, sealer: FieldSealer): EmailVerifications =>
  createOneTimeTokenStore(db, { tokens: emailVerificationCollection, uses: emailVerificationUseCollection }, sealer);

/** `password_resets` (+ `password_resets_used`): `_id` is the token's SHA-256; the address sealed. */
export const createPasswordResetStore = (db: Db, sealer: FieldSealer): PasswordResets =>
  createOneTimeTokenStore(db, { tokens: passwordResetCollection, uses: passwordResetUseCollection }, sealer);

/** `workspaces` and `workspace_members` (`_id` = `<workspaceId>:<userId>`, the shape the authenticator reads). */
export const createPersonalWorkspaceStore = (db: Db): PersonalWorkspaces => ({
  create: async ({ id, ...workspace }, owner) => {
    await workspaceCollection.in(db).insertOne({ _id: id as never, schemaVersion: 1, ...workspace });
    await membershipCollection
      .in(db)

      .insertOne({ _id: `${owner.workspaceId}:${owner.userId}` as never, schemaVersion: 1, ...owner });
  },
});

/** `security_events`: append-only, and the outbox a cron publishes (see security-event-store.ts). */
export { createSecurityEventStore } from './security-event-store.ts';
