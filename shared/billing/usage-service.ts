import { DomainError } from '../kernel/index.ts';
import type { LedgerEntry } from './ledger-entry.ts';
import type { UsagePorts } from './usage-ports.ts';
import {
  addDays,
  addGroups,
  chargesOf,
  dayOf,
  daysBetween,
  groupCharges,
  sortGroups,
  startOfDay,
  usageDayOf,
  type Charge,
  type UsageGroup,
  type UsageGroupBy,
} from './usage-report.ts';

/** The longest range a usage report covers, in days (both ends included). */
export const maxUsageDays = 366;
/** The default range: the last 30 days, today included. */
export const defaultUsageDays = 30;
/** A day is rolled up only this long after it ended, so that entries stamped by a slightly late clock are in. */
export const rollUpGraceMs = 5 * 60_000;

export const usageErrors = {
  invalidRange: (detail: string) => new DomainError('invalid', 'INVALID_USAGE_RANGE', { detail }),
  dayNotEnded: (day: string) => new DomainError('precondition', 'USAGE_DAY_NOT_ENDED', { detail: `${day} has not ended yet.` }),
};

export interface UsageQuery {
  /** First UTC day, `YYYY-MM-DD`; default: 29 days before `to`. */
  from?: string | undefined;
  /** Last UTC day, included; default: today. */
  to?: string | undefined;
  groupBy: UsageGroupBy;
}

export interface UsageReport {
  from: string;
  to: string;
  groupBy: UsageGroupBy;
  credits: number;
  count: number;
  /** By operation or user: most credits first; by day: every day of the range in order (zeros included). */
  groups: UsageGroup[];
  /** How many days came from roll-ups and how many from the ledger entries themselves. */
  days: { rolledUp: number; live: number };
}

export interface Usage {
  /**
   * Credits spent by a workspace — committed reservations, priced at their reserve — per UTC day
   * of the commit, grouped as asked. Days that the roll-up cron finished come from `usage_daily`
   * (final: a day is rolled up only after it ended plus a grace); the other days (today, and any day
   * a run missed) are computed from the commit entries of just those days joined to their reserves.
   * Both paths group the same charges, so the answer does not depend on which one served a day.
   * @throws INVALID_USAGE_RANGE (400) for an unparseable day, `from` after `to`, or more than 366 days.
   */
  report: (workspaceId: string, query: UsageQuery) => Promise<UsageReport>;
  /**
   * Recomputes every workspace's `usage_daily` document of `day` from the entries and writes each
   * whole, then marks the day finished. Idempotent: a second run writes the same documents.
   * @throws USAGE_DAY_NOT_ENDED (412) before the day ended plus the grace.
   */
  rollUp: (day: string) => Promise<{ day: string; workspaces: number; charges: number }>;
}

const isDay = (value: string) => {
  const start = startOfDay(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(start.getTime()) && dayOf(start) === value;
};
const checkDay = (value: string, name: string) => {
  if (!isDay(value)) throw usageErrors.invalidRange(`${name} must be a date (YYYY-MM-DD).`);
  return value;
};

export const createUsage = ({ entries, days, clock }: UsagePorts): Usage => {
  /** Charges of commits in `[from, to)` joined to their reserves (one query for each side). */
  const chargesBetween = async (workspaceId: string, commits: LedgerEntry[]): Promise<Charge[]> => {
    const ids = [...new Set(commits.flatMap((commit) => (commit.reservationId ? [commit.reservationId] : [])))];
    const reserves = ids.length === 0 ? [] : await entries.reserves(workspaceId, ids);
    return chargesOf(commits, new Map(reserves.map((reserve) => [reserve.reservationId ?? '', reserve])));
  };

  const report: Usage['report'] = async (workspaceId, query) => {
    const to = checkDay(query.to ?? dayOf(clock.now()), 'to');
    const from = checkDay(query.from ?? addDays(to, 1 - defaultUsageDays), 'from');
    if (from > to) throw usageErrors.invalidRange('from must not be after to.');
    const range = daysBetween(from, to);
    if (range.length > maxUsageDays) throw usageErrors.invalidRange(`A range covers at most ${maxUsageDays} days.`);

    const finished = await days.finished(range);
    const stored = finished.size === 0 ? [] : await days.find(workspaceId, [...finished]);
    const live = range.filter((day) => !finished.has(day));
    const [firstLive] = live;
    const lastLive = live.at(-1);
    let charges: Charge[] = [];
    if (firstLive !== undefined && lastLive !== undefined) {
      const commits = await entries.commitsBetween(workspaceId, startOfDay(firstLive), startOfDay(addDays(lastLive, 1)));
      const liveDays = new Set(live);
      charges = (await chargesBetween(workspaceId, commits)).filter((charge) => liveDays.has(charge.day));
    }

    const groups = new Map<string, UsageGroup>();
    if (query.groupBy === 'day') {
      addGroups(
        groups,
        range.map((key) => ({ key, credits: 0, count: 0 })),
      );
      addGroups(
        groups,
        stored.map(({ day, credits, count }) => ({ key: day, credits, count })),
      );
      addGroups(groups, groupCharges(charges, 'day'));
    } else {
      const storedGroups = stored.flatMap((day) => (query.groupBy === 'operation' ? day.byOperation : day.byUser));
      addGroups(groups, storedGroups);
      addGroups(groups, groupCharges(charges, query.groupBy === 'operation' ? 'operation' : 'actor'));
    }
    const sorted = sortGroups(groups.values(), query.groupBy);
    return {
      from,
      to,
      groupBy: query.groupBy,
      credits: sorted.reduce((sum, group) => sum + group.credits, 0),
      count: sorted.reduce((sum, group) => sum + group.count, 0),
      groups: sorted,
      days: { rolledUp: finished.size, live: live.length },
    };
  };

  const rollUp: Usage['rollUp'] = async (day) => {
    checkDay(day, 'day');
    const end = startOfDay(addDays(day, 1));
    const now = clock.now();
    if (now.getTime() < end.getTime() + rollUpGraceMs) throw usageErrors.dayNotEnded(day);
    const byWorkspace = new Map<string, LedgerEntry[]>();
    for (const commit of await entries.commitsBetween(null, startOfDay(day), end)) {
      const list = byWorkspace.get(commit.workspaceId) ?? [];
      list.push(commit);
      byWorkspace.set(commit.workspaceId, list);
    }
    let count = 0;
    for (const [workspaceId, commits] of byWorkspace) {
      const charges = await chargesBetween(workspaceId, commits);
      count += charges.length;
      await days.put(usageDayOf(workspaceId, day, charges, now));
    }
    // Last: until this is written, readers compute the day from the entries.
    await days.markFinished(day, now);
    return { day, workspaces: byWorkspace.size, charges: count };
  };

  return { report, rollUp };
};
