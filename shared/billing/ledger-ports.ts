import type { OneAtATime } from '../kernel/index.ts';
import type { LedgerEntry } from './ledger-entry.ts';

export interface LedgerStore {
  /**
   * Appends an entry: the insert is the commit point. `seq_taken`: another writer appended that
   * number first (re-read and retry); `key_taken`: the idempotency key was used (return the first).
   */
  append: (entry: LedgerEntry) => Promise<'appended' | 'seq_taken' | 'key_taken'>;
  /** The workspace's latest entry (highest `seq`), or null before its first. */
  latest: (workspaceId: string) => Promise<LedgerEntry | null>;
  /** The entry written under that key in that workspace, or null. */
  findByKey: (workspaceId: string, idempotencyKey: string) => Promise<LedgerEntry | null>;
  /** The `reserve` entry of a reservation in that workspace, or null (also for another workspace's). */
  findReservation: (workspaceId: string, reservationId: string) => Promise<LedgerEntry | null>;
  /** Entries newest first, numbered below `before` when given; at most `limit`. */
  list: (workspaceId: string, page: { before: number | null; limit: number }) => Promise<LedgerEntry[]>;
}

/** A reservation not yet settled, recorded before its entry so that a crash cannot leak it. */
export interface ReservationIntent {
  reservationId: string;
  workspaceId: string;
  expiresAt: Date;
}

export interface ReservationIntents {
  /** Records an intent (reservation ids are fresh, so a duplicate is a bug and throws). */
  insert: (intent: ReservationIntent) => Promise<void>;
  /** Idempotent. */
  remove: (reservationId: string) => Promise<void>;
  /** Intents whose reservation expired by `now`, at most `limit`. */
  due: (now: Date, limit: number) => Promise<ReservationIntent[]>;
}

/** What `createLedger` is built on; the MongoDB wiring is `shared/infra/billing/ledger-resource.ts`. */
export interface LedgerPorts {
  entries: LedgerStore;
  intents: ReservationIntents;
  clock: { now: () => Date };
  /** A fresh random id with a prefix (`rsv_…`). */
  newId: (prefix: string) => string;
  /** Waits before a retry after a lost race (ms); jittered by the caller. */
  sleep: (ms: number) => Promise<void>;
  /**
   * Serializes this instance's writes per workspace (one lane per workspace id), so that requests
   * of one instance never race each other for a sequence number; writers on other instances still
   * race, and the unique `(workspaceId, seq)` decides. One per process: the resource keeps it.
   */
  oneAtATime: OneAtATime;
}
