import type { Db } from 'mongodb';
import { workspaceCollection } from './workspace-store.ts';

interface PlanFields {
  _id: string;
  plan?: string;
  trialEndsAt?: Date | null;
  deletedAt?: Date | null;
}

/**
 * The ids of the workspaces on the free plan at `now`: plan `free`, no trial running, not deleted.
 * An equality filter on `plan` (a scan on FerretDB once a day; the rest is filtered in code).
 */
export const findFreeWorkspaces = async (db: Db, now: Date): Promise<string[]> => {
  const found = await workspaceCollection
    .in<PlanFields>(db)

    .find({ plan: 'free' }, { projection: { _id: 1, plan: 1, trialEndsAt: 1, deletedAt: 1 } })
    .toArray();
  return found.filter((doc) => !doc.deletedAt && !(doc.trialEndsAt && doc.trialEndsAt > now)).map((doc) => doc._id);
};
