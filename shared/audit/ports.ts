import type { OneAtATime } from '../kernel/index.ts';
import type { AuditAction } from './actions.ts';
import type { AcceptedRecord } from './append.ts';
import type { Digest } from './chain.ts';
import type { SignedCheckpoint } from './checkpoint.ts';
import type { AuditActor, AuditEntry, AuditRecord } from './entry.ts';
import type { PersonalRecord } from './personal.ts';

/**
 * The audit log as other domains see it (workspaces, identity, billing, privacy).
 * `record` keeps the action's durability (actions.ts): for a `must` action it resolves once the
 * entry is durably queued or appended and throws otherwise; for a `best` action it never throws.
 * Idempotent on `key`.
 */
export interface AuditLog {
  record: (entry: AuditRecord) => Promise<void>;
  /** Deletes the clear personal values about a user (entries keep their hashes); how many went. */
  eraseSubject: (userId: string) => Promise<number>;
}

/** `audit_log`: the chains. The insert is the commit point, unique on `(chain, seq)` and on `key`. */
export interface AuditEntryStore {
  /** `seq_taken`: another writer got that number first (re-read and retry); `key_taken`: already recorded. */
  append: (entry: AuditEntry) => Promise<'appended' | 'seq_taken' | 'key_taken'>;
  /** The chain's latest entry, or null before its first. */
  latest: (chain: string) => Promise<AuditEntry | null>;
  /** The entry recorded under that key, or null. */
  findByKey: (key: string) => Promise<AuditEntry | null>;
  /** The chain's entries in number order from `afterSeq` (exclusive), at most `limit`. */
  range: (chain: string, afterSeq: number, limit: number) => Promise<AuditEntry[]>;
  /** The chain's entries newest first, numbered below `beforeSeq` when given, at most `limit`. */
  newest: (chain: string, beforeSeq: number | null, limit: number) => Promise<AuditEntry[]>;
  /** Chain ids in id order after `afterChain`, at most `limit`. */
  chains: (afterChain: string | null, limit: number) => Promise<string[]>;
  /**
   * Retention: removes the chain's entries numbered up to `throughSeq`, oldest first, at most
   * `limit`; the keys of those removed (their sidecar records go too).
   */
  removeThrough: (chain: string, throughSeq: number, limit: number) => Promise<string[]>;
  /** Entries matching the filter, newest first, before the cursor; at most `limit`. */
  search: (filter: AuditFilter, before: { at: Date; id: string } | null, limit: number) => Promise<AuditEntry[]>;
}

export interface AuditFilter {
  actorId?: string;
  action?: AuditAction;
  workspaceId?: string;
  from?: Date;
  to?: Date;
}

/** `audit_personal`: the sidecar of clear personal values, keyed by the entry's key. */
export interface PersonalStore {
  /** Stores the values, or returns those stored first under the key (a retry keeps its salt). */
  put: (record: PersonalRecord) => Promise<PersonalRecord>;
  find: (keys: readonly string[]) => Promise<PersonalRecord[]>;
  /** Deletes the records of these entry keys (entries removed by retention); how many. */
  remove: (keys: readonly string[]) => Promise<number>;
  /** Deletes every record about the user; how many. */
  eraseSubject: (userId: string) => Promise<number>;
}

/** `audit_pending`: records accepted but not yet on their chain (the outbox of `record`). */
export interface PendingStore {
  /** Idempotent on the key. */
  insert: (record: AcceptedRecord) => Promise<void>;
  /** The oldest records, at most `limit`. */
  oldest: (limit: number) => Promise<AcceptedRecord[]>;
  remove: (key: string) => Promise<void>;
  /** Drops the personal values of a user's queued records (they are appended without them). */
  eraseSubject: (userId: string) => Promise<number>;
}

export interface CheckpointStore {
  /** Stores a checkpoint; false when that chain already has one for the period. */
  insert: (checkpoint: SignedCheckpoint) => Promise<boolean>;
  /** The chain's newest checkpoint, or null. */
  latest: (chain: string) => Promise<SignedCheckpoint | null>;
  /** Every checkpoint of the chain, oldest first. */
  list: (chain: string) => Promise<SignedCheckpoint[]>;
  /** Retention: removes the chain's checkpoints numbered below `seq` (the anchor stays); how many. */
  removeBefore: (chain: string, seq: number) => Promise<number>;
}

/** The audit signing key of the moment (Ed25519): its id goes into the statement it then signs. */
export interface CheckpointSigner {
  current: (now: Date) => Promise<{ keyId: string; sign: (message: string) => string }>;
}

/** Checks a signature with a published public key; false for an unknown key id. */
export type SignatureCheck = (keyId: string, message: string, signature: string) => boolean;

/** What the append loop and the services are built on. */
export interface AuditPorts {
  entries: AuditEntryStore;
  personal: PersonalStore;
  digest: Digest;
  clock: { now: () => Date };
  newId: (prefix: string) => string;
  sleep: (ms: number) => Promise<void>;
  /** Serializes this instance's appends per chain (other instances still race on the unique index). */
  oneAtATime: OneAtATime;
}

/** The platform acting on its own (crons, event consumers, webhooks). */
export const systemActor = (name: string): AuditActor => ({ type: 'system', id: name, userId: null });

/** A member acting with their own session. */
export const userActor = (userId: string): AuditActor => ({ type: 'user', id: userId, userId });
