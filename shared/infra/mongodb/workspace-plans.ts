import type { Db } from 'mongodb';
import { plans, type Plan } from '../../platform/rate-limit/rate-limit-config.ts';
import type { PlanLookup } from '../../platform/rate-limit/rate-limiter.ts';
import type { SharedPlanCache } from '../upstash/plan-cache.ts';
import { workspaceCollection } from './workspace-store.ts';

/** How long an instance trusts a plan it read without asking the shared cache again. */
const cacheMs = 5_000;
const maxCached = 5000;

const planNamed = (value: unknown): Plan | null => plans.find((p) => p === value) ?? null;

/**
 * A workspace's plan from its `workspaces` document (`free` when unknown or unrecognised), cached
 * in Redis for every instance (the billing handlers invalidate it when a subscription changes) and
 * for five seconds in the instance.
 */
export const createWorkspacePlanLookup = (db: Db, shared: SharedPlanCache, now: () => number = Date.now): PlanLookup => {
  const cache = new Map<string, { plan: Plan; until: number }>();
  return {
    planOf: async (workspaceId) => {
      const cached = cache.get(workspaceId);
      if (cached && cached.until > now()) return cached.plan;
      let plan = planNamed(await shared.get(workspaceId));
      if (plan === null) {
        const found = await workspaceCollection
          .in<{ _id: string; plan?: unknown }>(db)

          .findOne({ _id: workspaceId }, { projection: { plan: 1 } });
        plan = planNamed(found?.plan) ?? 'free';
        await shared.put(workspaceId, plan);
      }
      if (cache.size >= maxCached) cache.clear();
      cache.set(workspaceId, { plan, until: now() + cacheMs });
      return plan;
    },
  };
};
