import { randomBytes, randomInt } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { membershipCollection, membershipId, type MembershipDocument } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { authenticated, defineHttpFunction } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { authTestEnv, testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { testMetadata } from '../../support/test-metadata.ts';

/**
 * The refused-authentications limit with the real authenticator (MongoDB) and the real limiter
 * (Redis through the Upstash bridge): refused API keys from one address until its allowance is
 * used up, then 429 before authenticating, even for a valid token.
 */
const allowance = 3;
const runtimes: Runtime[] = [];
let env: Record<string, string>;
let token: string;
const workspaceId = newId('wsp');
/** A fresh client address per test: the counters live in the shared Redis. */
const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const badKey = () => `uxf_${randomBytes(24).toString('base64url')}`;

// The function's rate-limit class is `none`: the refusal limit comes with the access decision.
const probe = defineHttpFunction({
  ...testMetadata,
  route: createRoute({
    method: 'get',
    path: '/v1/workspaces/{workspaceId}/probe',
    request: { params: z.object({ workspaceId: z.string() }) },
    responses: { 200: { description: 'ok' } },
  }),
  access: authenticated(jwtOrApiKey, 'flows:read'),
  rateLimit: { class: 'none' },
  handler: (c) => c.json({ userId: c.var.auth.userId }, 200),
});

const appWith = (extra: Record<string, string> = {}) => {
  const runtime = createRuntime({ ...probe, name: 'flows-probe' }, { ...env, ...extra });
  runtimes.push(runtime);
  const app = createHttpApp(probe, runtime);
  return (ip: string, credential: string) =>
    app.request(`/v1/workspaces/${workspaceId}/probe`, {
      headers: { authorization: `Bearer ${credential}`, 'x-forwarded-for': `198.51.100.1, ${ip}` },
    });
};

const eventsFrom = async (ip: string) => {
  const events = await runtimes[0]!.use(mongo).db.collection('security_events').find({ ip }).toArray();
  // Identical refusals within a minute are one stored event carrying their count.
  const refusals = events.reduce((sum, e) => sum + (typeof e['count'] === 'number' ? e['count'] : 1), 0);
  return { all: refusals, stored: events.length, limited: events.filter((e) => e['type'] === 'rate_limited') };
};

beforeAll(async () => {
  const services = await ensureServices({ only: ['mongodb', 'upstash'] });
  env = {
    ...authTestEnv(services, testDatabase('it_refusal_limit')),
    RATE_LIMIT_IP_MULTIPLIER: '1',
    RATE_LIMIT_AUTH_REFUSALS_PER_IP: String(allowance),
    // A day: no window boundary falls inside a test.
    RATE_LIMIT_AUTH_REFUSALS_MINUTES: '1440',
  };
  const runtime = createRuntime({ name: 'refusal-it', uses: [mongo, accessTokens] }, env);
  runtimes.push(runtime);
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  const userId = newId('usr');
  await db.collection<MembershipDocument>(membershipCollection.name).insertOne({
    _id: membershipId(workspaceId, userId),
    schemaVersion: 1,
    workspaceId,
    userId,
    role: 'viewer',
    joinedAt: new Date(),
  });
  token = (await runtime.use(accessTokens).issue({ userId, sessionId: newId('ses'), platformRoles: [] })).token;
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtimes[0]?.use(mongo).db.dropDatabase();
  await Promise.all(runtimes.map((runtime) => runtime.close()));
});

describe('the refused-authentications limit (real MongoDB and Upstash bridge)', () => {
  it('should answer 429 before authenticating once an address used up its refusals, even for a valid token', async () => {
    const call = appWith();
    const ip = newIp();
    // Successes never count, however many.
    for (let i = 0; i < allowance + 2; i += 1) expect((await call(ip, token)).status).toBe(200);
    for (let i = 0; i < allowance; i += 1) {
      const refused = await call(ip, badKey());
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'INVALID_API_KEY' });
    }
    const before = await eventsFrom(ip);
    expect(before.all).toBe(allowance + 1);
    // The refusals are aggregated: one stored event for them, one for the limit.
    expect(before.stored).toBe(2);
    expect(before.limited).toHaveLength(1);
    expect(before.limited[0]).toMatchObject({ details: { limit: 'auth-refusals', max: allowance, functionName: 'flows-probe' } });

    const limited = await call(ip, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-limit')).toBe(String(allowance));
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 'auth-refusals', scope: 'ip', max: allowance });
    for (let i = 0; i < 5; i += 1) expect((await call(ip, badKey())).status).toBe(429);
    // Neither the authenticator's events nor the limiter's grow any more.
    expect(await eventsFrom(ip)).toMatchObject({ all: before.all, stored: before.stored });

    const other = newIp();
    expect((await call(other, token)).status).toBe(200);
    expect((await call(other, badKey())).status).toBe(401);
  });

  it('should record one rate_limited event when refusals arrive at once', async () => {
    const call = appWith();
    const ip = newIp();
    const statuses = await Promise.all(Array.from({ length: 8 }, async () => (await call(ip, badKey())).status));
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect((await eventsFrom(ip)).limited).toHaveLength(1);
    expect((await call(ip, token)).status).toBe(429);
  });

  it('should let requests through, refused or not, when Redis cannot be reached (fail open, never a 500)', async () => {
    const call = appWith({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', RATE_LIMIT_TIMEOUT_MS: '300' });
    const ip = newIp();
    for (let i = 0; i < allowance + 2; i += 1) expect((await call(ip, badKey())).status).toBe(401);
    expect((await call(ip, token)).status).toBe(200);
  });
});
