import type { Db } from 'mongodb';
import type { EmailVerifications, PasswordResets, PersonalWorkspaces } from '../../identity/index.ts';
import { createOneTimeTokenStore } from './one-time-token-store.ts';

/** `email_verifications` (+ `email_verifications_used`): `_id` is the token's SHA-256. */
export const createEmailVerificationStore = (db: Db): EmailVerifications => createOneTimeTokenStore(db, 'email_verifications');

/** `password_resets` (+ `password_resets_used`): `_id` is the token's SHA-256. */
export const createPasswordResetStore = (db: Db): PasswordResets => createOneTimeTokenStore(db, 'password_resets');

/** `workspaces` and `workspace_members` (`_id` = `<workspaceId>:<userId>`, the shape the authenticator reads). */
export const createPersonalWorkspaceStore = (db: Db): PersonalWorkspaces => ({
  create: async ({ id, ...workspace }, owner) => {
    await db.collection('workspaces').insertOne({ _id: id as never, schemaVersion: 1, ...workspace });
    await db
      .collection('workspace_members')
      .insertOne({ _id: `${owner.workspaceId}:${owner.userId}` as never, schemaVersion: 1, ...owner });
  },
});

/** `security_events`: append-only, and the outbox a cron publishes (see security-event-store.ts). */
export { createSecurityEventStore } from './security-event-store.ts';
