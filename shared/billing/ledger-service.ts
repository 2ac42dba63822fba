import { createAppend } from './ledger-append.ts';
import { emptyBalances, type Balances, type LedgerEntry } from './ledger-entry.ts';
import { createGrants, type PackGrant } from './ledger-grants.ts';
import type { LedgerPorts } from './ledger-ports.ts';
import { createReservations, type ReleaseExpiredResult, type Reservation, type ReserveRequest } from './ledger-reservations.ts';
import { spendable } from './ledger-rules.ts';

/**
 * A workspace's credits as an append-only ledger. Every change appends one entry carrying
 * the running balances; every change is idempotent under its key. All amounts are whole credits.
 * Concurrent callers (any number of instances) never drive a balance below zero.
 */
export interface Ledger {
  /** The balances after the latest entry; `spendable` leaves out expired packs; `seq` 0 before the first entry. */
  balance: (workspaceId: string) => Promise<{ balances: Balances; spendable: number; seq: number }>;
  /** Entries newest first, numbered below `before` when given, at most `limit`. */
  history: (workspaceId: string, page: { before: number | null; limit: number }) => Promise<LedgerEntry[]>;
  /**
   * Holds `creditCosts[operation] × multiplier` credits, plan credits first, then packs oldest first.
   * A repeated idempotency key with the same operation, cost and actor returns the first reservation
   * (`replayed: true`, even when the credits have run out since); with other work it is refused.
   * @throws INSUFFICIENT_CREDITS (402, with plan, balance, cost, operation and upgradeUrl); LEDGER_BUSY (503);
   *   IDEMPOTENCY_KEY_REUSED (409) when the key reserved another operation, cost or actor;
   *   INVALID_CREDIT_REQUEST / INVALID_CREDIT_AMOUNT (400) for an empty key or a bad multiplier.
   */
  reserve: (request: ReserveRequest) => Promise<Reservation>;
  /**
   * Charges a reservation (an entry of amount 0). Idempotent: a repeat returns the first commit.
   * @throws RESERVATION_NOT_FOUND (404); RESERVATION_RELEASED (409) when it was released first.
   */
  commit: (workspaceId: string, reservationId: string, actor: string) => Promise<LedgerEntry>;
  /**
   * Gives a reservation's credits back to the buckets they came from (a pack that expired or was
   * refunded meanwhile keeps its part). Idempotent; after a commit it returns the commit and changes nothing.
   * @throws RESERVATION_NOT_FOUND (404).
   */
  release: (workspaceId: string, reservationId: string, actor: string) => Promise<LedgerEntry>;
  /** How a reservation was settled: `committed`, `released`, or null while it is not (yet). */
  settlement: (workspaceId: string, reservationId: string) => Promise<'committed' | 'released' | null>;
  /** For the cron: releases reservations unsettled at `now` (at most `limit`) and drops intents that hold nothing. */
  releaseExpired: (now: Date, limit: number) => Promise<ReleaseExpiredResult>;
  /** A new billing period's plan credits, replacing what is left of the old (no rollover). */
  grantPlanCredits: (workspaceId: string, credits: number, key: string, actor: string, note: string | null) => Promise<LedgerEntry>;
  /** A one-off grant added to the plan credits (the trial's), not replacing them; once per key. */
  addPlanCredits: (workspaceId: string, credits: number, key: string, actor: string, note: string | null) => Promise<LedgerEntry>;
  /** A bought pack; null when that pack was granted already under another key. */
  grantPack: (workspaceId: string, pack: PackGrant, key: string, actor: string) => Promise<LedgerEntry | null>;
  /** Removes each pack expired at `now` (key `expire:<packId>`, one entry per pack); the entries written by this call. */
  expirePacks: (workspaceId: string, now: Date, actor: string) => Promise<LedgerEntry[]>;
  /** Removes a refunded pack's unspent credits; null when the pack is not there (unknown, expired or refunded already). */
  refundPack: (workspaceId: string, packId: string, key: string, actor: string) => Promise<LedgerEntry | null>;
  /**
   * A support adjustment of the plan credits (negative to take).
   * @throws INVALID_CREDIT_AMOUNT (400) when it would take them below zero.
   */
  adjust: (workspaceId: string, amount: number, key: string, actor: string, note: string) => Promise<LedgerEntry>;
}

export const createLedger = (ports: LedgerPorts): Ledger => {
  const append = createAppend(ports);
  return {
    balance: async (workspaceId) => {
      const latest = await ports.entries.latest(workspaceId);
      const balances = latest?.balances ?? emptyBalances();
      return { balances, spendable: spendable(balances, ports.clock.now()), seq: latest?.seq ?? 0 };
    },
    history: (workspaceId, page) => ports.entries.list(workspaceId, page),
    ...createReservations(ports, append),
    ...createGrants(ports, append),
  };
};
