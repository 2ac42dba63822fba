import type { Db } from 'mongodb';
import { plans, type Plan } from '../../platform/rate-limit/rate-limit-config.ts';
import type { PlanLookup } from '../../platform/rate-limit/rate-limiter.ts';

/** How long an instance trusts a plan it read (an upgrade applies within this time). */
const cacheMs = 60_000;
const maxCached = 5000;

/**
 * A workspace's plan from its `workspaces` document (`free` when unknown or unrecognised),
 * cached per instance for a minute. Billing may replace this lookup through the same port.
 */
export const createWorkspacePlanLookup = (db: Db, now: () => number = Date.now): PlanLookup => {
  const cache = new Map<string, { plan: Plan; until: number }>();
  return {
    planOf: async (workspaceId) => {
      const cached = cache.get(workspaceId);
      if (cached && cached.until > now()) return cached.plan;
      const found = await db
        .collection<{ _id: string; plan?: unknown }>('workspaces')
        .findOne({ _id: workspaceId }, { projection: { plan: 1 } });
      const plan = plans.find((p) => p === found?.plan) ?? 'free';
      if (cache.size >= maxCached) cache.clear();
      cache.set(workspaceId, { plan, until: now() + cacheMs });
      return plan;
    },
  };
};
