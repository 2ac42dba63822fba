import { createRoute } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { DomainError } from '../../../shared/kernel/index.ts';
import { defineConfig } from '../../../shared/platform/config/index.ts';
import { authenticated, defineHttpFunction, type NamedHttpFunction } from '../../../shared/platform/definition/index.ts';
import type { AuthenticationRequest, Authenticator } from '../../../shared/platform/http/auth-context.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import type { RateLimiter, RefusalSubject } from '../../../shared/platform/rate-limit/rate-limiter.ts';
import { defineResource, type ResourceRef, type Use } from '../../../shared/platform/resource.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { quietTestEnv, testMetadata } from '../../support/test-metadata.ts';

/** A limiter port that says whether the address is exhausted and notes what it was asked. */
const stubLimiter = (exhausted: boolean) => {
  const asked = { checked: [] as RefusalSubject[], counted: [] as RefusalSubject[] };
  const limiter: RateLimiter = {
    upgradeUrl: 'https://app.uxflow.dev/billing',
    check: async () => null,
    checkRefusals: async (subject) => {
      asked.checked.push(subject);
      if (!exhausted) return null;
      const rule = { name: 'auth-refusals', scope: 'ip' as const, key: `auth-refusals:ip:${subject.ip}`, max: 3, windowSeconds: 600 };
      return { allowed: false, rule, remaining: 0, resetAt: Date.now() + 90_000 };
    },
    countRefusal: async (subject) => void asked.counted.push(subject),
  };
  return { limiter, asked };
};

/** An authenticator port that answers by the Authorization header and notes each call. */
const stubAuthenticator = () => {
  const calls: AuthenticationRequest[] = [];
  const authenticator: Authenticator = {
    authenticate: async (request) => {
      calls.push(request);
      const [, code] = /^Bearer (\w+)$/.exec(request.authorization ?? '') ?? [];
      if (code === 'GOOD') return { via: 'jwt', userId: 'usr_1', sessionId: 'ses_1', platformRoles: [] };
      if (code === 'CRASH') throw new Error('store down');
      if (code === 'WORKSPACE_NOT_FOUND') throw new DomainError('not_found', code);
      if (code === 'PERMISSION_DENIED') throw new DomainError('forbidden', code);
      throw new DomainError('unauthenticated', code ?? 'UNAUTHENTICATED');
    },
  };
  return { authenticator, calls };
};

const resource = <T>(name: string, value: T): ResourceRef<T> =>
  defineResource({ name, config: defineConfig({ name, shape: {}, devDefaults: {} }), create: () => value });

const appWith = (exhausted: boolean) => {
  const { limiter, asked } = stubLimiter(exhausted);
  const { authenticator, calls } = stubAuthenticator();
  const definition = defineHttpFunction({
    ...testMetadata,
    route: createRoute({ method: 'get', path: '/v1/test', responses: { 200: { description: 'ok' } } }),
    access: authenticated(
      { authenticator: resource('stub-authenticator', authenticator), limiter: resource('stub-limiter', limiter), credentials: ['jwt'] },
      'self',
    ),
    rateLimit: { class: 'none' },
    handler: (c) => c.json({ userId: c.var.auth.userId }, 200),
  });
  const app = createHttpApp(definition, createRuntime({ ...definition, name: 'ops-test' }, quietTestEnv));
  const get = (token: string, ip = '203.0.113.9') =>
    app.request('/v1/test', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `198.51.100.1, ${ip}` } });
  return { get, asked, calls };
};

describe('the refused-authentications limit in the request pipeline', () => {
  it('should answer 429 RATE_LIMITED with Retry-After and RateLimit-* without authenticating when the address is exhausted', async () => {
    const { get, asked, calls } = appWith(true);
    const response = await get('GOOD');
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(89);
    expect(response.headers.get('ratelimit-limit')).toBe('3');
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED', limit: 'auth-refusals', scope: 'ip', max: 3 });
    expect(calls).toHaveLength(0);
    expect(asked.checked).toEqual([{ ip: '203.0.113.9', functionName: 'ops-test' }]);
    expect(asked.counted).toEqual([]);
  });

  it.each([
    ['INVALID_API_KEY', 401],
    ['API_KEY_NOT_ACCEPTED', 401],
    ['SESSION_REVOKED', 401],
    ['PERMISSION_DENIED', 403],
    ['WORKSPACE_NOT_FOUND', 404],
  ])('should count one refusal of the address when the authenticator refuses with %s', async (code, status) => {
    const { get, asked } = appWith(false);
    expect((await get(code)).status).toBe(status);
    expect(asked.counted).toEqual([{ ip: '203.0.113.9', functionName: 'ops-test' }]);
  });

  // No credentials, or an access token that fails verification (expired, above all): no store
  // was read, and every client meets them daily, so an office behind one address is not punished.
  it.each(['UNAUTHENTICATED', 'INVALID_TOKEN'])('should not count a refusal that costs no store access (%s)', async (code) => {
    const { get, asked } = appWith(false);
    expect((await get(code)).status).toBe(401);
    expect(asked.counted).toEqual([]);
  });

  it('should count neither a success nor a failure of the store', async () => {
    const { get, asked } = appWith(false);
    expect((await get('GOOD')).status).toBe(200);
    expect((await get('CRASH')).status).toBe(500);
    expect(asked.counted).toEqual([]);
  });
});

/**
 * Walks every registered HTTP function (so future ones too): each guarded one, whatever its
 * rate-limit class, asks its refusal limiter before its authenticator, and an exhausted address
 * gets 429 without the authenticator being called.
 */
const definitions = (await loadDefinitions()).map(({ definition }) => definition).filter((d): d is NamedHttpFunction => d.kind === 'http');
const guarded = definitions.filter((d) => d.access.type === 'authenticated' || d.access.type === 'platform');
const base = createRuntime({ name: 'walk', uses: [] }, quietTestEnv);

describe('every guarded function', () => {
  it('should be found (the walk is not empty)', () => {
    expect(guarded.length).toBeGreaterThan(40);
  });

  it.each(guarded.map((d) => [d.name, d] as const))(
    '%s should refuse an exhausted address before authenticating',
    async (name, definition) => {
      const access = definition.access as Extract<NamedHttpFunction['access'], { limiter: unknown }>;
      const { limiter, asked } = stubLimiter(true);
      const { authenticator, calls } = stubAuthenticator();
      const use = (<T>(ref: ResourceRef<T>): T => {
        if (ref === access.limiter) return limiter as T;
        if (ref === access.authenticator) return authenticator as T;
        throw new Error(`${name} used ${ref.name} before its access decision`);
      }) as Use;
      const runtime: Runtime = { ...base, name, use };
      const path = definition.route.path.replace(/\{\w+\}/g, 'x1');
      const response = await createHttpApp(definition, runtime).request(path, {
        method: definition.route.method.toUpperCase(),
        headers: { authorization: 'Bearer GOOD', 'x-forwarded-for': '203.0.113.50' },
      });
      expect(response.status).toBe(429);
      expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED', limit: 'auth-refusals' });
      expect(calls).toHaveLength(0);
      expect(asked.checked).toEqual([{ ip: '203.0.113.50', functionName: name }]);
    },
  );
});
