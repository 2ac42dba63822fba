import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { createWorkspacePlanStore } from '../../../shared/infra/billing/webhook-workspace-plans.ts';
import { createWorkspacePlanLookup } from '../../../shared/infra/mongodb/workspace-plans.ts';
import { createSharedPlanCache } from '../../../shared/infra/upstash/plan-cache.ts';
import { createUpstashScripts } from '../../../shared/infra/upstash/upstash-scripts.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let client: MongoClient;
let db: Db;
let scripts: ReturnType<typeof createUpstashScripts>;

beforeAll(async () => {
  const env = await ensureServices({ only: ['mongodb', 'upstash'] });
  client = new MongoClient(env.MONGODB_URI!);
  db = client.db('it_billing_plan_cache');
  await db.dropDatabase();
  scripts = createUpstashScripts({ url: env.UPSTASH_REDIS_REST_URL!, token: env.UPSTASH_REDIS_REST_TOKEN! });
}, servicesHookTimeoutMs);
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

const workspace = async (plan: string) => {
  const id = newId('wsp');
  await db
    .collection('workspaces')
    .insertOne({ _id: id as never, schemaVersion: 1, name: 'w', plan, trialEndsAt: null, createdAt: new Date() });
  return id;
};

describe('the rate limiters’ shared plan cache', () => {
  it('should serve a plan from Redis to a fresh instance, and drop it when billing changes the plan', async () => {
    const cache = createSharedPlanCache(scripts, { prefix: `it:${newId('p')}:` });
    const id = await workspace('pro');
    expect(await createWorkspacePlanLookup(db, cache).planOf(id)).toBe('pro');
    // Changed behind the cache's back: another instance still gets the cached plan…
    await db.collection('workspaces').updateOne({ _id: id as never }, { $set: { plan: 'basic' } });
    expect(await createWorkspacePlanLookup(db, cache).planOf(id)).toBe('pro');
    // …until the billing handlers write the plan, which invalidates the shared copy.
    await createWorkspacePlanStore(db, cache).set(id, { plan: 'free', trialEndsAt: null });
    expect(await createWorkspacePlanLookup(db, cache).planOf(id)).toBe('free');
  });

  it('should read MongoDB when Redis is down, and refuse to pretend an invalidation happened', async () => {
    const down = createSharedPlanCache(createUpstashScripts({ url: 'http://127.0.0.1:9', token: 'x', timeoutMs: 300 }));
    const id = await workspace('enterprise');
    expect(await createWorkspacePlanLookup(db, down).planOf(id)).toBe('enterprise');
    await expect(createWorkspacePlanStore(db, down).set(id, { plan: 'free', trialEndsAt: null })).rejects.toThrow();
  });
});
