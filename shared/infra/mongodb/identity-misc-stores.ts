import type { Db } from 'mongodb';
import { newId } from '../../kernel/index.ts';
import type { EmailVerifications, PersonalWorkspaces, SecurityEvents } from '../../identity/index.ts';
import { hashToken } from './token-hash.ts';

/** `email_verifications`: `_id` is the token's SHA-256; single use is enforced when verifying. */
export const createEmailVerificationStore = (db: Db): EmailVerifications => ({
  create: async (token, entry) => {
    await db
      .collection('email_verifications')
      .insertOne({ _id: hashToken(token) as never, schemaVersion: 1, ...entry, createdAt: new Date() });
  },
});

/** `workspaces` and `workspace_members` (`_id` = `<workspaceId>:<userId>`, the shape the authenticator reads). */
export const createPersonalWorkspaceStore = (db: Db): PersonalWorkspaces => ({
  create: async ({ id, ...workspace }, owner) => {
    await db.collection('workspaces').insertOne({ _id: id as never, schemaVersion: 1, ...workspace });
    await db
      .collection('workspace_members')
      .insertOne({ _id: `${owner.workspaceId}:${owner.userId}` as never, schemaVersion: 1, ...owner });
  },
});

/** `security_events`: append-only. (Publishing them as CloudEvents comes with the security-events slice.) */
export const createSecurityEventStore = (db: Db): SecurityEvents => ({
  record: async (event) => {
    await db.collection('security_events').insertOne({ _id: newId('sev') as never, schemaVersion: 1, ...event });
  },
});
