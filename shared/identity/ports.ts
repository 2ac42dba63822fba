import type { PlatformRole } from '../kernel/index.ts';
import type { Membership, Workspace } from '../workspaces/index.ts';
import type { LoginAttempt } from './lockout.ts';
import type { RefreshTokenRecord } from './refresh-rotation.ts';

export interface User {
  id: string;
  /** Normalised (trimmed, lower-case). */
  email: string;
  name: string;
  passwordHash: string;
  emailVerified: boolean;
  platformRoles: readonly PlatformRole[];
  createdAt: Date;
}

export interface Users {
  /** Inserts a user; false when the e-mail is already registered (unique index). Never overwrites. */
  create: (user: User) => Promise<boolean>;
  findByEmail: (email: string) => Promise<User | null>;
  findById: (id: string) => Promise<User | null>;
  /** Replaces the password hash (a plain overwrite: the last writer wins). */
  setPasswordHash: (id: string, passwordHash: string) => Promise<void>;
  setName: (id: string, name: string) => Promise<void>;
  /** Idempotent. */
  markEmailVerified: (id: string) => Promise<void>;
}

/** A login session: one refresh-token family. `id` is the family id and the JWT's `sid`. */
export interface Session {
  id: string;
  userId: string;
  rememberMe: boolean;
  createdAt: Date;
  /** When its refresh token was last rotated; null before the first refresh. */
  lastUsedAt?: Date | null;
  /** When its newest refresh token expires. */
  expiresAt?: Date;
  /** Where the session was started from, when known. */
  ip?: string;
  userAgent?: string;
}

export type RevocationReason = 'logout' | 'logout_all' | 'refresh_token_reused' | 'session_deleted' | 'password_reset' | 'password_changed';

export interface Sessions {
  create: (session: Session) => Promise<void>;
  /** Ids of every session the user ever started (revoked ones included). */
  listIdsByUser: (userId: string) => Promise<string[]>;
  /** Every session the user ever started, with `expiresAt` filled in (revoked ones included). */
  listByUser: (userId: string) => Promise<(Session & { expiresAt: Date })[]>;
  findById: (sessionId: string) => Promise<Session | null>;
  /** Records a rotation: last use and the new refresh token's expiry (a plain overwrite). */
  touch: (sessionId: string, at: Date, expiresAt: Date) => Promise<void>;
  /** Revokes a session for good. Idempotent: revoking twice keeps the first record. */
  revoke: (sessionId: string, reason: RevocationReason, at: Date) => Promise<void>;
  isRevoked: (sessionId: string) => Promise<boolean>;
}

export interface RefreshTokens {
  /** Stores a token (hashed); false when its family already has a token with this `seq` (the rotation conflict). */
  insert: (token: string, record: RefreshTokenRecord) => Promise<boolean>;
  findByToken: (token: string) => Promise<RefreshTokenRecord | null>;
  /** Whether the family has a token after `seq` (the given one was rotated already). */
  hasSuccessor: (familyId: string, seq: number) => Promise<boolean>;
}

export interface LoginAttempts {
  /** Appends one attempt; `email` is normalised, also for unknown accounts. */
  record: (attempt: LoginAttempt & { email: string; ip: string }) => Promise<void>;
  /** Attempts since `since`, newest first, at most `limit` (enough to reach the top lockout step). */
  recent: (by: { email: string } | { ip: string }, since: Date, limit: number) => Promise<LoginAttempt[]>;
}

export interface PasswordHasher {
  /** An encoded hash (argon2id, salt and parameters included). */
  hash: (password: string) => Promise<string>;
  /** False for a wrong password or a malformed hash; never throws for either. */
  verify: (hash: string, password: string) => Promise<boolean>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Hands the message to the provider; throws DomainError(unavailable, MAIL_UNAVAILABLE) when it refuses. */
  send: (mail: OutgoingMail) => Promise<void>;
}

/** A single-use token mailed to a user (e-mail verification, password reset). */
export interface OneTimeTokenEntry {
  userId: string;
  /** The address the token was mailed to. */
  email: string;
  expiresAt: Date;
}

/** Single-use tokens, stored hashed. Using one is an insert unique on the token: never a read-modify-write. */
export interface OneTimeTokens {
  create: (token: string, entry: OneTimeTokenEntry) => Promise<void>;
  /** The entry of a token, used or not, expired or not; null when unknown. */
  find: (token: string) => Promise<OneTimeTokenEntry | null>;
  /** Marks the token used; false when it was used (or superseded) before. Safe under concurrent calls. */
  consume: (token: string) => Promise<boolean>;
  /** Marks every token of the user used (a newer one supersedes them). Idempotent. */
  consumeAllOf: (userId: string) => Promise<void>;
}

export type EmailVerifications = OneTimeTokens;
export type PasswordResets = OneTimeTokens;

export interface PersonalWorkspaces {
  /** Inserts the workspace and its owner membership. */
  create: (workspace: Workspace, owner: Membership) => Promise<void>;
}

/** Security events belong to the security domain; identity records them through its port. */
export type { SecurityEvents, SecurityEventType } from '../security/index.ts';

export interface Clock {
  now: () => Date;
}
