import type { Db } from 'mongodb';
import { billingRetentionBound, ledgerCut } from '../../billing/index.ts';
import type { RetentionCounts, RetentionJob } from '../../privacy/index.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { ledgerCollection, ledgerCutCollection, ledgerReservationPointerCollection } from '../mongodb/ledger-entry-store.ts';
import { modelCallCollection } from '../mongodb/model-call-store.ts';
import { stripeEventCollection } from '../mongodb/stripe-event-store.ts';
import { subscriptionSnapshotCollection } from '../mongodb/subscription-snapshot-store.ts';
import { usageDailyCollection, usageRunCollection } from '../mongodb/usage-day-store.ts';

interface Cut {
  workspaceId: string;
  through: number;
  entries: { _id: string; seq: number; reservationId: string | null }[];
}

/** Billing records older than `bound` that go by date alone (the ledger and snapshots need more care). */
const datedSweeps = (bound: Date): { collection: string; filter: Record<string, unknown> }[] => {
  const day = bound.toISOString().slice(0, 10);
  return [
    // Unpublished events stay until the publisher has sent them, however old.
    { collection: stripeEventCollection.name, filter: { created: { $lt: bound }, published: true } },
    { collection: modelCallCollection.name, filter: { at: { $lt: bound } } },
    { collection: usageDailyCollection.name, filter: { day: { $lt: day } } },
    { collection: usageRunCollection.name, filter: { _id: { $lt: day } } },
  ];
};

/**
 * The billing records' 10-year end: each workspace ledger cut at its last settled entry older than
 * that (shared/billing/ledger-cut.ts; a cut record first, then the entries oldest first, then their
 * reservation pointers), Stripe events, model calls and usage roll-ups older than that, and
 * subscription snapshots older than that except each workspace's newest (its current state).
 * `billing_accounts` (the Stripe customer of a workspace) and the pack expiry watch live as long as
 * the workspace. The ledger's old entries are read into memory per workspace: a day's worth once
 * the backlog is gone.
 */
export const billingRecordsJob = (db: Db): RetentionJob => {
  const ledger = ledgerCollection.in<{
    _id: string;
    workspaceId: string;
    seq: number;
    type: string;
    reservationId: string | null;
    at: Date;
  }>(db);
  const cutsOf = async (bound: Date): Promise<Cut[]> => {
    const cuts: Cut[] = [];
    for (const workspaceId of await ledger.distinct('workspaceId', { at: { $lt: bound } })) {
      const [head] = await ledger
        .find({ workspaceId }, { projection: { seq: 1 } })
        .sort({ seq: -1 })
        .limit(1)
        .toArray();
      const oldest = await ledger
        .find({ workspaceId, at: { $lt: bound } }, { projection: { seq: 1, type: 1, reservationId: 1, at: 1 } })
        .sort({ seq: 1 })
        .toArray();
      const through = ledgerCut(oldest, head?.seq ?? 0, bound);
      if (through > 0) cuts.push({ workspaceId, through, entries: oldest.filter((entry) => entry.seq <= through) });
    }
    return cuts;
  };
  /** Snapshots older than `bound` that are not their workspace's newest. */
  const staleSnapshots = async (bound: Date): Promise<string[]> => {
    const snapshots = db.collection<{ _id: string; workspaceId: string; observedAt: Date }>(subscriptionSnapshotCollection.name);
    const old = await snapshots.find({ observedAt: { $lt: bound } }, { projection: { workspaceId: 1, observedAt: 1 } }).toArray();
    const stale: string[] = [];
    for (const workspaceId of new Set(old.map((snapshot) => snapshot.workspaceId))) {
      const [newest] = await snapshots
        .find({ workspaceId }, { projection: { _id: 1 } })
        .sort({ observedAt: -1, _id: -1 })
        .limit(1)
        .toArray();
      stale.push(...old.filter((s) => s.workspaceId === workspaceId && s._id !== newest?._id).map((s) => s._id));
    }
    return stale;
  };
  return {
    rule: 'billing-records',
    what: 'billing records older than 10 years: ledger entries up to a settled cut (never the head), Stripe events, model calls, usage roll-ups, old subscription snapshots',
    dryRun: async (now) => {
      const bound = billingRetentionBound(now);
      const counts: RetentionCounts = { credit_ledger: (await cutsOf(bound)).reduce((sum, cut) => sum + cut.entries.length, 0) };
      for (const sweep of datedSweeps(bound)) counts[sweep.collection] = await db.collection(sweep.collection).countDocuments(sweep.filter);
      counts.subscription_snapshots = (await staleSnapshots(bound)).length;
      return counts;
    },
    run: async (now) => {
      const bound = billingRetentionBound(now);
      const counts: RetentionCounts = { credit_ledger: 0 };
      for (const cut of await cutsOf(bound)) {
        await ledgerCutCollection
          .in<{ _id: string; workspaceId: string; through: number; at: Date; schemaVersion: 1 }>(db)
          .insertOne({
            _id: `${cut.workspaceId}:${cut.through}`,
            workspaceId: cut.workspaceId,
            through: cut.through,
            at: now,
            schemaVersion: 1,
          })
          .catch((error: unknown) => {
            if (!isDuplicateKey(error)) throw error;
          });
        // Oldest first: an interrupted run leaves the ledger cut at its start, which the next run finishes.
        for (const entry of cut.entries) await ledger.deleteOne({ _id: entry._id });
        const reservations = cut.entries.flatMap((entry) => (entry.reservationId ? [entry.reservationId] : []));
        if (reservations.length > 0) await ledgerReservationPointerCollection.in(db).deleteMany({ _id: { $in: reservations } } as never);
        counts.credit_ledger = (counts.credit_ledger ?? 0) + cut.entries.length;
      }
      for (const sweep of datedSweeps(bound))
        counts[sweep.collection] = (await db.collection(sweep.collection).deleteMany(sweep.filter)).deletedCount;
      const stale = await staleSnapshots(bound);
      counts.subscription_snapshots =
        stale.length === 0
          ? 0
          : (await db.collection(subscriptionSnapshotCollection.name).deleteMany({ _id: { $in: stale } } as never)).deletedCount;
      return counts;
    },
  };
};
