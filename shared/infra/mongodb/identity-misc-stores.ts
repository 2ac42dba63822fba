import type { Db } from 'mongodb';
import type { EmailVerifications, PasswordResets, PersonalWorkspaces } from '../../identity/index.ts';
import { createOneTimeTokenStore } from './one-time-token-store.ts';
import { defineCollection } from './collection.ts';
import { membershipCollection } from './membership-store.ts';
import { workspaceCollection } from './workspace-store.ts';

export const emailVerificationCollection = defineCollection({
  name: 'email_verifications',
  indexes: [{ name: 'email_verifications_user', keys: { userId: 1 } }],
});

export const emailVerificationUseCollection = defineCollection({ name: 'email_verifications_used' });

export const passwordResetCollection = defineCollection({
  name: 'password_resets',
  indexes: [{ name: 'password_resets_user', keys: { userId: 1 } }],
});

export const passwordResetUseCollection = defineCollection({ name: 'password_resets_used' });

/** `email_verifications` (+ `email_verifications_used`): `_id` is the token's SHA-256. */
export const createEmailVerificationStore = (db: Db): EmailVerifications =>
  createOneTimeTokenStore(db, { tokens: emailVerificationCollection, uses: emailVerificationUseCollection });

/** `password_resets` (+ `password_resets_used`): `_id` is the token's SHA-256. */
export const createPasswordResetStore = (db: Db): PasswordResets =>
  createOneTimeTokenStore(db, { tokens: passwordResetCollection, uses: passwordResetUseCollection });

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
