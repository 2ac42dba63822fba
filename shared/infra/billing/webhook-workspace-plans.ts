import type { Db } from 'mongodb';
import type { GraceCandidates, WorkspacePlans } from '../../billing/subscription-ports.ts';
import { plans, type Plan } from '../../workspaces/index.ts';
import { subscriptionSnapshotCollection } from '../mongodb/subscription-snapshot-store.ts';
import { workspaceCollection } from '../mongodb/workspace-store.ts';
import type { SharedPlanCache } from '../upstash/plan-cache.ts';

interface WorkspacePlanFields {
  _id: string;
  plan?: string;
  trialEndsAt?: Date | null;
  deletedAt?: Date | null;
}

const isActive = (doc: WorkspacePlanFields) => doc.deletedAt === undefined || doc.deletedAt === null;
const planOf = (value: string | undefined): Plan => plans.find((plan) => plan === value) ?? 'free';

/** The `plan`/`trialEndsAt` fields of `workspaces` documents (the rest of the document belongs to the workspaces domain). */
export const createWorkspacePlanStore = (db: Db, planCache: SharedPlanCache): WorkspacePlans => {
  const workspaces = db.collection<WorkspacePlanFields>(workspaceCollection);
  return {
    find: async (workspaceId) => {
      const doc = await workspaces.findOne({ _id: workspaceId }, { projection: { plan: 1, trialEndsAt: 1, deletedAt: 1 } });
      return doc && isActive(doc) ? { plan: planOf(doc.plan), trialEndsAt: doc.trialEndsAt ?? null } : null;
    },
    set: async (workspaceId, { plan, trialEndsAt }) => {
      await workspaces.updateOne({ _id: workspaceId }, { $set: { plan, trialEndsAt } });
      // The rate limiters' shared copy goes at once; a failure fails the handler, which the broker retries.
      await planCache.invalidate(workspaceId);
    },
    trialsEndingAfter: async (after, limit) => {
      // A range: it scans on FerretDB (hourly, small projection).
      const found = await workspaces
        .find({ trialEndsAt: { $gt: after } }, { projection: { trialEndsAt: 1, deletedAt: 1 } })
        .limit(limit)
        .toArray();
      return found.filter(isActive).map((doc) => doc._id);
    },
    trialsEndedBy: async (now, limit) => {
      // A range: it scans on FerretDB (hourly, small projection).
      const found = await workspaces
        .find({ trialEndsAt: { $lte: now } }, { projection: { trialEndsAt: 1, deletedAt: 1 } })
        .limit(limit)
        .toArray();
      return found.filter(isActive).map((doc) => doc._id);
    },
  };
};

/** Workspaces with a failed-payment snapshot whose grace ended (the grace cron checks each one's state in force). */
export const createGraceCandidates = (db: Db): GraceCandidates => ({
  pastGrace: async (now, limit) => {
    const found = await db
      .collection<{ workspaceId: string }>(subscriptionSnapshotCollection)
      .find({ stripeStatus: { $in: ['past_due', 'unpaid'] }, graceEndsAt: { $lte: now } }, { projection: { workspaceId: 1 } })
      .toArray();
    return [...new Set(found.map((doc) => doc.workspaceId))].slice(0, limit);
  },
});
