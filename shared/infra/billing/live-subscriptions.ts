import type { Db } from 'mongodb';
import { isLiveSubscription } from '../../billing/subscription-state.ts';
import type { LiveSubscriptions } from '../../workspaces/index.ts';
import { createSubscriptionSnapshotStore } from '../mongodb/subscription-snapshot-store.ts';

/** The workspaces domain's question to billing: does this workspace's subscription in force still bill? */
export const createLiveSubscriptions = (db: Db): LiveSubscriptions => {
  const snapshots = createSubscriptionSnapshotStore(db);
  return {
    find: async (workspaceId) => {
      const current = await snapshots.current(workspaceId);
      return current && isLiveSubscription(current) ? { subscriptionId: current.subscriptionId, status: current.stripeStatus } : null;
    },
  };
};
