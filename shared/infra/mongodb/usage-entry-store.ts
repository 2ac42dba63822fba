import type { Db } from 'mongodb';
import type { UsageEntries } from '../../billing/usage-ports.ts';
import { ledgerCollection, toLedgerEntry, type LedgerEntryDocument } from './ledger-entry-store.ts';

/**
 * Usage's read-only view of `credit_ledger`. Ranges on `at` use the `(workspaceId, at)` and
 * `(type, at)` indexes on MongoDB; FerretDB scans for them (it uses indexes for equality only), which
 * the callers bound: one workspace's report range, one day for the roll-up. Grouping happens in code
 * (FerretDB has no `$lookup` and only `$sum`/`$count` in `$group`).
 */
export const createUsageEntryStore = (db: Db): UsageEntries => {
  const entries = ledgerCollection.in<LedgerEntryDocument>(db);
  return {
    commitsBetween: async (workspaceId, from, to) => {
      const range = { type: 'commit' as const, at: { $gte: from, $lt: to } };
      const found = await entries.find(workspaceId === null ? range : { workspaceId, ...range }).toArray();
      return found.map(toLedgerEntry);
    },
    reserves: async (workspaceId, reservationIds) => {
      const found = await entries.find({ reservationId: { $in: [...reservationIds] }, workspaceId, type: 'reserve' }).toArray();
      return found.map(toLedgerEntry);
    },
  };
};
