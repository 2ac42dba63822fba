/** Kinds of ledger entries: every change of a workspace's credits is one appended entry. */
export const entryTypes = ['grant', 'reserve', 'commit', 'release', 'expire', 'refund', 'adjust'] as const;
export type EntryType = (typeof entryTypes)[number];

/** Credits bought in one pack purchase; spent oldest first, after the plan's credits. */
export interface PackBalance {
  packId: string;
  remaining: number;
  /** Pack credits expire 12 months after purchase. */
  expiresAt: Date;
}

/** The running balances after an entry. `total` = `plan` + the packs' `remaining`. */
export interface Balances {
  plan: number;
  packs: PackBalance[];
  total: number;
}

/** Where reserved credits came from, so that a release returns them to the same buckets. */
export interface Allocation {
  plan: number;
  packs: { packId: string; amount: number }[];
}

/**
 * One appended entry. Unique on `(workspaceId, seq)` (the commit point: a duplicate key means
 * another writer took that number) and on `(workspaceId, idempotencyKey)` (a repeat returns the first).
 */
export interface LedgerEntry {
  workspaceId: string;
  /** 1, 2, 3… per workspace, no gaps. */
  seq: number;
  type: EntryType;
  /** The change to `balances.total` (negative for reserve, expire, refund; 0 for commit). */
  amount: number;
  balances: Balances;
  idempotencyKey: string;
  at: Date;
  /** Who or what caused it: a user id, `stripe:<event id>`, `cron:<job>`. */
  actor: string;
  /** Reserve: the reservation; commit/release: the reservation settled. */
  reservationId: string | null;
  /** Reserve: the operation priced, e.g. `ai.plan`. */
  operation: string | null;
  /**
   * Reserve and release: the buckets the credits came from or went back to; a pack's grant, expiry
   * or refund: that pack and the credits added or removed. Null otherwise.
   */
  allocation: Allocation | null;
  /** Reserve: when an unsettled reservation is released by the cron. */
  expiresAt: Date | null;
  /** Free text for support (e.g. the Stripe invoice id of a grant). */
  note: string | null;
}

export const emptyBalances = (): Balances => ({ plan: 0, packs: [], total: 0 });

/** Recomputes `total` from the buckets. */
export const withTotal = (plan: number, packs: PackBalance[]): Balances => ({
  plan,
  packs,
  total: plan + packs.reduce((sum, pack) => sum + pack.remaining, 0),
});
