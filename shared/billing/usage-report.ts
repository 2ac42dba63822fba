import type { LedgerEntry } from './ledger-entry.ts';

export const usageGroupings = ['operation', 'day', 'user'] as const;
export type UsageGroupBy = (typeof usageGroupings)[number];

/** Credits spent under one key (an operation, a UTC day `YYYY-MM-DD` or an actor) and how many commits made them. */
export interface UsageGroup {
  key: string;
  credits: number;
  count: number;
}

/** One committed reservation: what it cost, for what, by whom, on which UTC day (the commit's). */
export interface Charge {
  day: string;
  operation: string;
  /** The reserve's actor: a user id or `apikey:<id>`. */
  actor: string;
  credits: number;
}

/** A workspace's spending on one UTC day, as the roll-up cron stores it (`usage_daily`). */
export interface UsageDay {
  workspaceId: string;
  day: string;
  credits: number;
  count: number;
  byOperation: UsageGroup[];
  byUser: UsageGroup[];
  computedAt: Date;
}

const dayMs = 24 * 60 * 60_000;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
/** The first instant of a UTC day. */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
/** The day `days` after (negative: before) `day`. */
export const addDays = (day: string, days: number): string => dayOf(new Date(startOfDay(day).getTime() + days * dayMs));
/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
};

/**
 * Joins commit entries to their reserve entries: the cost is the reserve's (its negative amount, so
 * pro-quality ×2 counts), the operation and actor are the reserve's, the day is the commit's.
 * A commit whose reserve is not in `reserves` is left out (the reconcile checker reports such entries).
 */
export const chargesOf = (commits: readonly LedgerEntry[], reserves: ReadonlyMap<string, LedgerEntry>): Charge[] =>
  commits.flatMap((commit) => {
    const reserve = commit.type === 'commit' && commit.reservationId ? reserves.get(commit.reservationId) : undefined;
    if (!reserve) return [];
    return [{ day: dayOf(commit.at), operation: reserve.operation ?? 'unknown', actor: reserve.actor, credits: -reserve.amount }];
  });

/** Adds groups into a map by key. */
export const addGroups = (into: Map<string, UsageGroup>, groups: Iterable<UsageGroup>): Map<string, UsageGroup> => {
  for (const { key, credits, count } of groups) {
    const found = into.get(key) ?? { key, credits: 0, count: 0 };
    into.set(key, { key, credits: found.credits + credits, count: found.count + count });
  }
  return into;
};

/** Charges grouped by a field of theirs. */
export const groupCharges = (charges: readonly Charge[], by: 'day' | 'operation' | 'actor'): UsageGroup[] => [
  ...addGroups(
    new Map(),
    charges.map((charge) => ({ key: charge[by], credits: charge.credits, count: 1 })),
  ).values(),
];

/** A workspace's day from its charges (all on that day). */
export const usageDayOf = (workspaceId: string, day: string, charges: readonly Charge[], computedAt: Date): UsageDay => ({
  workspaceId,
  day,
  credits: charges.reduce((sum, charge) => sum + charge.credits, 0),
  count: charges.length,
  byOperation: groupCharges(charges, 'operation'),
  byUser: groupCharges(charges, 'actor'),
  computedAt,
});

/** Groups by most credits first, then key; days in calendar order. */
export const sortGroups = (groups: Iterable<UsageGroup>, groupBy: UsageGroupBy): UsageGroup[] =>
  [...groups].sort((a, b) => (groupBy === 'day' ? a.key.localeCompare(b.key) : b.credits - a.credits || a.key.localeCompare(b.key)));
