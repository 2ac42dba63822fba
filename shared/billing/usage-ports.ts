import type { LedgerEntry } from './ledger-entry.ts';
import type { UsageDay } from './usage-report.ts';

/** Read access to ledger entries for usage; never writes. */
export interface UsageEntries {
  /**
   * `commit` entries whose `at` is in `[from, to)`, of one workspace or (null) of every workspace.
   * Unbounded by count: callers bound the range (at most 366 days for a workspace, one day for all).
   */
  commitsBetween: (workspaceId: string | null, from: Date, to: Date) => Promise<LedgerEntry[]>;
  /** The `reserve` entries of those reservations in that workspace (unknown ids are left out). */
  reserves: (workspaceId: string, reservationIds: readonly string[]) => Promise<LedgerEntry[]>;
}

/** The roll-up documents (`usage_daily`) and the record of which days were rolled up for every workspace. */
export interface UsageDays {
  /** The stored days of a workspace among `days` (a workspace without commits that day has none). */
  find: (workspaceId: string, days: readonly string[]) => Promise<UsageDay[]>;
  /** Which of `days` a roll-up run finished for every workspace. */
  finished: (days: readonly string[]) => Promise<Set<string>>;
  /** Stores a workspace's day whole, replacing what was there (idempotent). */
  put: (usage: UsageDay) => Promise<void>;
  /** Records that `day` was rolled up for every workspace (idempotent). */
  markFinished: (day: string, at: Date) => Promise<void>;
}

export interface UsagePorts {
  entries: UsageEntries;
  days: UsageDays;
  clock: { now: () => Date };
}
