import { randomInt, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailRateLimitKey } from '../../../functions/identity/lib/rate-limit-keys.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { rateLimited, rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { createUpstashRateCounter } from '../../../shared/infra/upstash/upstash-rate-counter.ts';
import { createUpstashScripts } from '../../../shared/infra/upstash/upstash-scripts.ts';
import { defineConfig } from '../../../shared/platform/config/index.ts';
import { authenticated, defineHttpFunction, publicAccess, type RateLimitClass } from '../../../shared/platform/definition/index.ts';
import type { Authenticator } from '../../../shared/platform/http/auth-context.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { defineResource } from '../../../shared/platform/resource.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { testMetadata } from '../../support/test-metadata.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

const database = `it_rate_limit_${randomUUID().slice(0, 8)}`;
const workspaceId = `wsp_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
let services: Record<string, string>;
const runtimes: Runtime[] = [];
const limits = {
  RATE_LIMIT_IP_MULTIPLIER: '1',
  RATE_LIMIT_LOGIN_PER_MINUTE: '3',
  RATE_LIMIT_PASSWORD_FORGOT_PER_HOUR: '2',
  RATE_LIMIT_API_PER_MINUTE: 'free:2,basic:3,pro:4,enterprise:5',
};
/** A fresh client address per test: counters of one test never touch another's. */
const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const memberOfWorkspace = defineResource({
  name: 'test-authenticator',
  config: defineConfig({ name: 'test-authenticator', shape: {}, devDefaults: {} }),
  create: (): Authenticator => ({
    authenticate: async () => ({
      via: 'jwt',
      userId: 'usr_rate',
      sessionId: 'ses_rate',
      platformRoles: [],
      workspace: { id: workspaceId, role: 'owner', permissions: new Set() },
    }),
  }),
});

const isLimited = (rateLimitClass: RateLimitClass): rateLimitClass is keyof typeof rateLimited => rateLimitClass in rateLimited;

const appFor = (name: string, rateLimitClass: RateLimitClass, env: Record<string, string> = {}) => {
  const definition = defineHttpFunction({
    ...testMetadata,
    route: createRoute({
      method: 'post',
      path: '/v1/test',
      request: { body: { content: { 'application/json': { schema: z.object({ email: z.string().optional() }) } } } },
      responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ email: z.string().nullable() }) } } } },
    }),
    ...(rateLimitClass === 'api'
      ? { access: authenticated({ authenticator: memberOfWorkspace, limiter: rateLimiter, credentials: ['jwt'] }, 'flows:read') }
      : { access: publicAccess('test') }),
    rateLimit: isLimited(rateLimitClass) ? { ...rateLimited[rateLimitClass], accountKey: emailRateLimitKey } : { class: rateLimitClass },
    handler: (c) => c.json({ email: c.req.valid('json').email ?? null }, 200),
  });
  const runtime = createRuntime(
    { ...definition, name },
    { ...services, APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_DB: database, ...limits, ...env },
  );
  runtimes.push(runtime);
  const app = createHttpApp(definition, runtime);
  return (ip: string, body: unknown = {}) =>
    app.request('/v1/test', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.1, ${ip}` },
      body: JSON.stringify(body),
    });
};

beforeAll(async () => {
  services = await ensureServices({ only: ['mongodb', 'upstash'] });
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtimes[0]?.use(mongo).db.dropDatabase();
  await Promise.all(runtimes.map((runtime) => runtime.close()));
});

describe('rate limiting in the request pipeline (real Upstash bridge)', () => {
  it('should answer 429 RATE_LIMITED with RateLimit-* and Retry-After when the login limit per IP is reached', async () => {
    const login = appFor('identity-login', 'auth');
    const ip = newIp();
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await login(ip);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await login(ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 'identity-login', scope: 'ip', max: 3 });
    expect((await login(newIp())).status).toBe(200);
  });

  it('should limit forgot-password per account whatever the address, and still validate the body', async () => {
    const forgot = appFor('identity-forgot-password', 'auth');
    const email = `Rate-${randomUUID()}@Example.com`;
    const first = await forgot(newIp(), { email });
    expect(await first.json()).toEqual({ email });
    expect((await forgot(newIp(), { email: email.toLowerCase() })).status).toBe(200);
    const refused = await forgot(newIp(), { email: `  ${email}` });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ limit: 'identity-forgot-password', scope: 'account', max: 2 });
    expect((await forgot(newIp(), { email: `other-${email}` })).status).toBe(200);
  });

  it('should limit per workspace by its plan with an upgrade link, and record one security event', async () => {
    await runtimes[0]!.use(mongo).db.collection<{ _id: string; plan: string }>('workspaces').insertOne({ _id: workspaceId, plan: 'basic' });
    const api = appFor('flows-test', 'api');
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await api(newIp())).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await api(newIp());
    expect(await refused.json()).toMatchObject({
      limit: 'api',
      scope: 'workspace',
      max: 3,
      plan: 'basic',
      upgradeUrl: expect.stringMatching(/^http/),
    });
    const events = await runtimes[0]!.use(mongo).db.collection('security_events').find({ type: 'rate_limited', workspaceId }).toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userId: 'usr_rate',
      published: false,
      details: { limit: 'api', max: 3, functionName: 'flows-test' },
    });
  });

  it('should let requests through without RateLimit headers when Redis cannot be reached (fail open)', async () => {
    const login = appFor('identity-login', 'auth', { UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', RATE_LIMIT_TIMEOUT_MS: '300' });
    const ip = newIp();
    for (let i = 0; i < 5; i += 1) {
      const response = await login(ip);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('should pass every request without headers when the class is none', async () => {
    const open = appFor('ops-open', 'none');
    const response = await open(newIp());
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('the Upstash sliding-window counter', () => {
  it('should allow requests again when the window has passed', async () => {
    const scripts = createUpstashScripts({
      url: requiredEnv(services, 'UPSTASH_REDIS_REST_URL'),
      token: requiredEnv(services, 'UPSTASH_REDIS_REST_TOKEN'),
    });
    const counter = createUpstashRateCounter(scripts, `it:rl:${randomUUID()}`);
    const rule = { name: 'test', scope: 'ip', key: 'test:ip:1', max: 2, windowSeconds: 1 } as const;
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push((await counter.hit(rule)).allowed);
    expect(outcomes).toEqual([true, true, false]);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await counter.hit(rule)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('should reject with NOSCRIPT when a script is unknown (the counter then falls back to EVAL)', async () => {
    const scripts = createUpstashScripts({
      url: requiredEnv(services, 'UPSTASH_REDIS_REST_URL'),
      token: requiredEnv(services, 'UPSTASH_REDIS_REST_TOKEN'),
    });
    await expect(scripts.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await scripts.eval('return ARGV[1]', [], ['ok'])).toBe('ok');
  });
});
