import type { Ledger } from './ledger-service.ts';

/** A workspace's ledger head hint (`credit_ledger_heads`): its latest number or a little less, never more. */
export interface LedgerHead {
  workspaceId: string;
  seq: number;
}

/** What the pack-expiry cron last saw of a workspace (`credit_pack_watch`); derived, rebuilt by the cron. */
export interface PackWatch {
  workspaceId: string;
  /** The head hint when the workspace was last examined: a different hint means new entries since. */
  headSeq: number;
  /** The earliest expiry among its packs then; null: no packs. */
  nextExpiry: Date | null;
  checkedAt: Date;
}

export interface PackSweepPorts {
  /** Every head hint (one small document per workspace that has a ledger). */
  heads: () => Promise<LedgerHead[]>;
  watches: {
    all: () => Promise<PackWatch[]>;
    /** Replaces the workspace's watch (only the cron writes these). */
    put: (watch: PackWatch) => Promise<void>;
  };
}

export interface PackSweepResult {
  examined: number;
  expired: number;
  failures: { workspaceId: string; error: unknown }[];
}

/** Even an unchanged workspace is examined again after this long (heals a hint that raced back to an old value). */
export const packRecheckMs = 24 * 60 * 60_000;

const isDue = (watch: PackWatch | undefined, head: LedgerHead, now: Date) =>
  !watch ||
  watch.headSeq !== head.seq ||
  (watch.nextExpiry !== null && watch.nextExpiry <= now) ||
  now.getTime() - watch.checkedAt.getTime() >= packRecheckMs;

/**
 * The hourly pack-expiry sweep. Finding the workspaces with expired packs must not mean reading
 * every ledger every hour, and grants happen in code this cron does not own, so it keeps its own
 * small index: per workspace, the head hint it saw and the earliest pack expiry then. A run reads
 * the two small collections whole and examines (reads the balances of, and expires packs in) only
 * the workspaces whose head moved (new entries, e.g. a pack grant), whose next expiry passed, or
 * that were not examined for a day. Expired packs are never spendable anyway (`spendable` skips
 * them); this removes their credits from the balances with an `expire` entry.
 */
export const sweepExpiredPacks = async (
  ledger: Pick<Ledger, 'balance' | 'expirePacks'>,
  ports: PackSweepPorts,
  now: Date,
  actor: string,
): Promise<PackSweepResult> => {
  const watches = new Map((await ports.watches.all()).map((watch) => [watch.workspaceId, watch]));
  const result: PackSweepResult = { examined: 0, expired: 0, failures: [] };
  for (const head of await ports.heads()) {
    if (!isDue(watches.get(head.workspaceId), head, now)) continue;
    result.examined += 1;
    try {
      result.expired += (await ledger.expirePacks(head.workspaceId, now, actor)).length;
      const { balances } = await ledger.balance(head.workspaceId);
      const expiries = balances.packs.map((pack) => pack.expiresAt.getTime());
      const nextExpiry = expiries.length === 0 ? null : new Date(Math.min(...expiries));
      await ports.watches.put({ workspaceId: head.workspaceId, headSeq: head.seq, nextExpiry, checkedAt: now });
    } catch (error) {
      result.failures.push({ workspaceId: head.workspaceId, error });
    }
  }
  return result;
};
