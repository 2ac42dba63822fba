import { MongoClient, type Db } from 'mongodb';
import type { Allocation, LedgerEntry } from '../shared/billing/index.ts';
import {
  ledgerCollection,
  ledgerCutCollection,
  toLedgerEntry,
  type LedgerEntryDocument,
} from '../shared/infra/mongodb/ledger-entry-store.ts';
import { mongoConfig } from '../shared/infra/mongodb/mongo-resource.ts';
import { isEntryModule } from './services/paths.ts';

/**
 * Checks the credit ledger on any database ("the ledger always reconciles"). Per workspace:
 * numbers contiguous from 1; the running sum of the amounts equals `balances.total` after every
 * entry; total = plan + the packs' remaining; no bucket below zero; every commit and release names
 * an earlier reserve, at most one settles it; a release gives back exactly its reserve's buckets
 * (less the parts of packs that expired or were refunded in between). The tests run it after each test.
 *
 * `node scripts/billing-reconcile.ts [--uri mongodb://…] [--db name] [--workspace id]`; the
 * defaults are MONGODB_URI / MONGODB_DB, else the development values. Prints one JSON line and
 * exits 1 when it finds a problem.
 */
export interface ReconcileProblem {
  workspaceId: string;
  seq: number;
  problem: string;
}

export interface ReconcileReport {
  workspaces: number;
  entries: number;
  problems: ReconcileProblem[];
}

const sumOf = (allocation: Allocation) => allocation.plan + allocation.packs.reduce((sum, part) => sum + part.amount, 0);

/**
 * The problems of one workspace's entries, in `seq` order. `cutThrough`: the number through which
 * the 10-year retention removed the ledger's start (credit_ledger_cuts); a ledger may then start
 * anywhere up to the entry after it, its first entry's balances less its amount opening the sum.
 */
export const checkWorkspace = (entries: readonly LedgerEntry[], cutThrough = 0): ReconcileProblem[] => {
  const problems: ReconcileProblem[] = [];
  const reserves = new Map<string, LedgerEntry>();
  const settled = new Set<string>();
  const first = entries[0];
  const cut = first !== undefined && first.seq > 1 && first.seq - 1 <= cutThrough;
  const offset = cut ? first.seq - 1 : 0;
  let running = cut ? first.balances.total - first.amount : 0;
  let previous: LedgerEntry | null = null;
  entries.forEach((entry, index) => {
    const report = (problem: string) => problems.push({ workspaceId: entry.workspaceId, seq: entry.seq, problem });
    const { balances } = entry;
    if (entry.seq !== index + 1 + offset) report(`seq ${entry.seq} where ${index + 1 + offset} was expected`);
    if (!Number.isSafeInteger(entry.amount)) report(`amount ${entry.amount} is not a whole number`);
    running += entry.amount;
    if (running !== balances.total) report(`running sum ${running} but balances.total ${balances.total}`);
    const buckets = balances.plan + balances.packs.reduce((sum, pack) => sum + pack.remaining, 0);
    if (buckets !== balances.total) report(`plan + packs = ${buckets} but balances.total ${balances.total}`);
    if (balances.plan < 0 || balances.packs.some((pack) => pack.remaining < 0)) report('a bucket below zero');
    if (entry.type === 'reserve') {
      if (!entry.reservationId || !entry.allocation) report('a reserve without its reservation id or allocation');
      else if (sumOf(entry.allocation) !== -entry.amount) report(`reserve of ${-entry.amount} allocated ${sumOf(entry.allocation)}`);
      if (entry.reservationId) reserves.set(entry.reservationId, entry);
    }
    if (entry.type === 'commit' || entry.type === 'release') {
      const reserve = entry.reservationId ? reserves.get(entry.reservationId) : undefined;
      // Up to the cut, a reserve may be gone already (a cut interrupted between its entries).
      if (!reserve) {
        if (entry.seq > cutThrough) report(`${entry.type} of unknown reservation ${entry.reservationId ?? '(none)'}`);
      } else if (settled.has(reserve.reservationId ?? '')) report(`reservation ${reserve.reservationId ?? ''} settled twice`);
      settled.add(entry.reservationId ?? '');
      if (entry.type === 'commit' && entry.amount !== 0) report(`commit with amount ${entry.amount}`);
      if (entry.type === 'release' && reserve?.allocation) {
        const present = new Set((previous?.balances.packs ?? []).map((pack) => pack.packId));
        const due = reserve.allocation.packs.filter((part) => present.has(part.packId)).reduce((sum, part) => sum + part.amount, 0);
        const expected = reserve.allocation.plan + due;
        if (entry.amount !== expected) report(`release gave back ${entry.amount}; its reserve's buckets hold ${expected}`);
      }
    }
    previous = entry;
  });
  return problems;
};

/** Reconciles every workspace's ledger (or one). */
export const reconcileLedger = async (db: Db, options: { workspaceId?: string } = {}): Promise<ReconcileReport> => {
  const filter = options.workspaceId === undefined ? {} : { workspaceId: options.workspaceId };
  const byWorkspace = new Map<string, LedgerEntry[]>();
  let count = 0;
  for await (const document of ledgerCollection.in<LedgerEntryDocument>(db).find(filter)) {
    const entry = toLedgerEntry(document);
    count += 1;
    const list = byWorkspace.get(entry.workspaceId) ?? [];
    list.push(entry);
    byWorkspace.set(entry.workspaceId, list);
  }
  const cuts = new Map<string, number>();
  for await (const cut of ledgerCutCollection.in<{ workspaceId: string; through: number }>(db).find(filter))
    cuts.set(cut.workspaceId, Math.max(cuts.get(cut.workspaceId) ?? 0, cut.through));
  const problems = [...byWorkspace.entries()].flatMap(([workspaceId, list]) =>
    checkWorkspace(
      list.sort((a, b) => a.seq - b.seq),
      cuts.get(workspaceId) ?? 0,
    ),
  );
  return { workspaces: byWorkspace.size, entries: count, problems };
};

const option = (argv: readonly string[], name: string) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};

if (isEntryModule(import.meta.url)) {
  const argv = process.argv.slice(2);
  const uri = option(argv, '--uri') ?? process.env.MONGODB_URI ?? mongoConfig.devDefaults.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
  const database = option(argv, '--db') ?? process.env.MONGODB_DB ?? mongoConfig.devDefaults.MONGODB_DB ?? 'uxflow_dev';
  const workspaceId = option(argv, '--workspace');
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const report = await reconcileLedger(client.db(database), workspaceId === undefined ? {} : { workspaceId });
    console.log(JSON.stringify({ reconcile: report.problems.length === 0 ? 'ok' : 'failed', ...report }));
    process.exitCode = report.problems.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  } finally {
    await client.close();
  }
}
