import type { PlatformRole } from '../kernel/index.ts';
import type { Membership, Workspace } from '../workspaces/index.ts';
import type { AttemptOutcome, LoginAttempt } from './lockout.ts';
import type { RefreshSuccessor, RefreshTokenRecord } from './refresh-rotation.ts';

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
  /** By the blind index of the address (an opaque key, as the password-reset outbox keeps it). */
  findByEmailIndex: (index: string) => Promise<User | null>;
  findById: (id: string) => Promise<User | null>;
  /** Replaces the password hash (a plain overwrite: the last writer wins). */
  setPasswordHash: (id: string, passwordHash: string) => Promise<void>;
  setName: (id: string, name: string) => Promise<void>;
  /** Idempotent. */
  markEmailVerified: (id: string) => Promise<void>;
}

/** A change of an account's personal data (rectification), as the insert-only history keeps it. */
export interface ProfileChange {
  userId: string;
  field: 'name';
  before: string;
  after: string;
  at: Date;
  /** The person themselves, or a DPO correcting it on a request received by post or e-mail. */
  by: { type: 'self' } | { type: 'dpo'; staffId: string };
}

/** `profile_changes`: the record of every rectification (insert-only). */
export interface ProfileChanges {
  record: (change: ProfileChange) => Promise<void>;
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
  /** Whether the sign-in that started it passed a second factor (platform roles need one). */
  secondFactor?: boolean;
  /** Set on a support impersonation: a time-boxed session of staff acting as the user (no refresh token). */
  impersonation?: SessionImpersonation;
}

/** What makes a session an impersonation: who, why, and whether the user let it write. */
export interface SessionImpersonation {
  staffUserId: string;
  reason: string;
}

export type RevocationReason =
  'logout' | 'logout_all' | 'refresh_token_reused' | 'session_deleted' | 'password_reset' | 'password_changed' | 'impersonation_ended';

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

/** Who rotates a refresh token: the grace hands a successor only to the client that got it. */
export interface RefreshClient {
  ip?: string;
  userAgent?: string;
}

export interface RefreshTokens {
  /**
   * Stores a token (hashed); false when its family already has a token with this `seq` (the
   * rotation conflict). With `handOver`, the token is also kept sealed under a key derived from
   * the token it replaces, for a concurrent loser that presents that same old token.
   */
  insert: (token: string, record: RefreshTokenRecord, handOver?: { previousToken: string; client: RefreshClient }) => Promise<boolean>;
  findByToken: (token: string) => Promise<RefreshTokenRecord | null>;
  /** Token `seq + 1` of the presented token's family, opened with the presented token where it can be; null when none. */
  successorOf: (
    presentedToken: string,
    record: RefreshTokenRecord,
    client: RefreshClient,
  ) => Promise<Omit<RefreshSuccessor, 'rotated'> | null>;
  /** Whether the family has a token after `seq` (the given one was rotated already). */
  hasSuccessor: (familyId: string, seq: number) => Promise<boolean>;
}

/**
 * Login attempts. An attempt is claimed (inserted `pending`, unique on the account's sequence
 * number) before its password is checked, and settled after: of concurrent attempts that read the
 * same history only one claims the next number, the others read again and see it.
 */
export interface LoginAttempts {
  /** The account's attempts, newest (highest `seq`) first, whatever their age; at most `limit`. */
  latestOfAccount: (email: string, limit: number) => Promise<(LoginAttempt & { seq: number })[]>;
  /** The address's failed and pending attempts since `since` (any account), newest first; at most `limit`. */
  failuresFromAddress: (ip: string, since: Date, limit: number) => Promise<LoginAttempt[]>;
  /** Records attempt `seq` of the account as pending; false when another attempt holds that number. */
  claim: (attempt: { email: string; seq: number; ip: string; at: Date }) => Promise<boolean>;
  /** How a claimed attempt ended; only its claimer writes it. */
  settle: (email: string, seq: number, outcome: Exclude<AttemptOutcome, 'pending'>) => Promise<void>;
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

/** A forgotten-password request as queued by the request, before anyone looked the address up. */
export interface PasswordResetRequest {
  id: string;
  /** Normalised; it may have no account. */
  email: string;
  requestedAt: Date;
}

/** A queued request as the outbox keeps it: the address only as its blind index (an opaque key). */
export interface QueuedPasswordResetRequest {
  id: string;
  emailIndex: string;
  requestedAt: Date;
}

/**
 * The outbox of password-reset mails: the request only queues (the same write whether or not the
 * address has an account); a cron function looks the address up and mails. At least once.
 */
export interface PasswordResetRequests {
  enqueue: (request: PasswordResetRequest) => Promise<void>;
  /** The oldest queued requests first, at most `limit`. */
  queued: (limit: number) => Promise<QueuedPasswordResetRequest[]>;
  /** Removes a handled request (mailed, no account, or too old). Idempotent. */
  remove: (id: string) => Promise<void>;
}

export interface PersonalWorkspaces {
  /** Inserts the workspace and its owner membership. */
  create: (workspace: Workspace, owner: Membership) => Promise<void>;
}

/** Security events belong to the security domain; identity records them through its port. */
export type { SecurityEvents, SecurityEventType } from '../security/index.ts';

export interface Clock {
  now: () => Date;
}
