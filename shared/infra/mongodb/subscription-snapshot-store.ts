import type { Db } from 'mongodb';
import type { SubscriptionSnapshot, SubscriptionSnapshots } from '../../billing/index.ts';
import { latestSnapshot } from '../../billing/subscription-state.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

export const subscriptionSnapshotCollection = defineCollection({
  name: 'subscription_snapshots',
  privacy: {
    classes: ['financial'],
    personalData: ['billing'],
    retention: 'billing-records',
    subject: { workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [
    { name: 'subscription_snapshots_workspace', keys: { workspaceId: 1 } },
    // The grace cron reads failed-payment snapshots by status.
    { name: 'subscription_snapshots_status', keys: { stripeStatus: 1 } },
  ],
});

interface SubscriptionSnapshotDocument extends SubscriptionSnapshot {
  /** `<workspaceId>:<eventId>`: one snapshot per event, so a redelivered event stores nothing. */
  _id: string;
  schemaVersion: 1;
}

const toSnapshot = ({ _id, schemaVersion: _s, ...rest }: SubscriptionSnapshotDocument): SubscriptionSnapshot => rest;

/** `subscription_snapshots`: append-only; the state in force is computed on read, never updated in place. */
export const createSubscriptionSnapshotStore = (db: Db): SubscriptionSnapshots => {
  const snapshots = subscriptionSnapshotCollection.in<SubscriptionSnapshotDocument>(db);
  return {
    insert: async (snapshot) => {
      try {
        await snapshots.insertOne({ ...snapshot, _id: `${snapshot.workspaceId}:${snapshot.eventId}`, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    current: async (workspaceId) => {
      const [newest] = await snapshots.find({ workspaceId }).sort({ observedAt: -1 }).limit(1).toArray();
      if (!newest) return null;
      // Every snapshot of that second: the domain ranks them (by lifecycle, then event id).
      const sameSecond = await snapshots.find({ workspaceId, observedAt: newest.observedAt }).toArray();
      return latestSnapshot(sameSecond.map(toSnapshot));
    },
  };
};
