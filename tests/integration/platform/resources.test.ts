import { ChromaClient } from 'chromadb';
import { MongoClient } from 'mongodb';
import Stripe from 'stripe';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { stripe } from '../../../shared/infra/stripe/stripe-client.ts';
import { redis } from '../../../shared/infra/upstash/redis-resource.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/** The real clients as functions get them: declared in `uses`, created on first use, reused after. */
let runtime: Runtime;

beforeAll(async () => {
  const env = await ensureServices({ only: ['mongodb', 'upstash', 'chroma', 'stripe'] });
  runtime = createRuntime(
    { name: 'ops-resources-test', uses: [mongo, redis, chroma, stripe] },
    { ...env, APP_ENV: 'production', LOG_LEVEL: 'silent', MONGODB_DB: 'it_resources' },
  );
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

describe('resources', () => {
  it('should create each client once and hand the same instance to later calls', async () => {
    expect(runtime.use(mongo)).toBe(runtime.use(mongo));
    expect(runtime.use(mongo).client).toBeInstanceOf(MongoClient);
    expect(runtime.use(redis)).toBeInstanceOf(Redis);
    await expect(runtime.use(chroma).client()).resolves.toBeInstanceOf(ChromaClient);
    expect(await runtime.use(chroma).client()).toBe(await runtime.use(chroma).client());
    expect(await runtime.use(stripe).client()).toBeInstanceOf(Stripe);
    expect(await runtime.use(stripe).client()).toBe(await runtime.use(stripe).client());
  });

  it('should reach every real service through the client a function gets', async () => {
    await expect(runtime.use(mongo).db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    await expect(runtime.use(redis).set('it-resources', { n: 1 })).resolves.toBe('OK');
    await expect(runtime.use(redis).get('it-resources')).resolves.toEqual({ n: 1 });
    await expect((await runtime.use(chroma).client()).heartbeat()).resolves.toEqual(expect.any(Number));
    const customer = await (await runtime.use(stripe).client()).customers.create({ email: 'resources@example.com' });
    expect(customer.id).toMatch(/^cus_/);
  });

  it('should refuse a resource the definition did not declare', () => {
    const bare = createRuntime({ name: 'ops-bare', uses: [] }, { APP_ENV: 'test', LOG_LEVEL: 'silent' });
    expect(() => bare.use(mongo)).toThrow(/without declaring it/);
  });

  it('should stop at start naming the variables when production configuration is missing', () => {
    expect(() => createRuntime({ name: 'ops-strict', uses: [mongo, stripe] }, { APP_ENV: 'production' })).toThrow(
      /MONGODB_URI.*STRIPE_SECRET_KEY|STRIPE_SECRET_KEY.*MONGODB_URI/,
    );
  });
});
