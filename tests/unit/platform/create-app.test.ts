import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/kernel/index.ts';
import { authenticated, defineHttpFunction, publicAccess } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import { defineConfig } from '../../../shared/platform/config/index.ts';
import { defineResource } from '../../../shared/platform/resource.ts';
import type { AuthenticationRequest, Authenticator } from '../../../shared/platform/http/auth-context.ts';
import { LightRequest } from '../../../shared/platform/hosts/cold-start/index.ts';
import type { RateLimiter } from '../../../shared/platform/rate-limit/rate-limiter.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/things/{thingId}',
  request: {
    params: z.object({ thingId: z.string().regex(/^t_[a-z0-9]+$/) }),
    body: {
      content: { 'application/json': { schema: z.object({ name: z.string().min(1), fail: z.enum(['domain', 'crash']).optional() }) } },
    },
  },
  responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ id: z.string(), name: z.string() }) } } } },
});

const definition = defineHttpFunction({
  description: 'test function',
  route,
  access: publicAccess('test'),
  rateLimit: { class: 'none' },
  uses: [],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' },
  privacy: { personalData: 'none' },
  handler: (c) => {
    const { thingId } = c.req.valid('param');
    const body = c.req.valid('json');
    if (body.fail === 'domain') throw new DomainError('conflict', 'THING_EXISTS', { detail: 'It exists.' });
    if (body.fail === 'crash') throw new Error('secret driver message');
    return c.json({ id: thingId, name: body.name }, 200);
  },
});

const env = { APP_ENV: 'test', LOG_LEVEL: 'silent', CORS_ORIGINS: 'https://app.uxflow.dev', BODY_LIMIT_BYTES: '256' };
const app = createHttpApp(definition, createRuntime({ ...definition, name: 'ops-things' }, env));
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('createHttpApp', () => {
  it('should run the handler with validated input when the request is valid', async () => {
    const response = await post('/v1/things/t_1', { name: 'a' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 't_1', name: 'a' });
  });

  it('should send Cache-Control no-store on answers and problems that set none', async () => {
    expect((await post('/v1/things/t_1', { name: 'a' })).headers.get('cache-control')).toBe('no-store');
    expect((await post('/v1/things/t_1', { name: '' })).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/v1/nowhere')).headers.get('cache-control')).toBe('no-store');
  });

  it('should answer no-store on an error even when the handler set a public Cache-Control before it threw', async () => {
    const cachedThenFails = defineHttpFunction({
      ...definition,
      route: createRoute({ method: 'get', path: '/v1/cached', responses: { 200: { description: 'ok' } } }),
      handler: (c) => {
        c.header('cache-control', 'public, max-age=300');
        throw new Error('after the header');
      },
    });
    const failing = createHttpApp(cachedThenFails, createRuntime({ ...cachedThenFails, name: 'ops-cached-then-fails' }, env));
    const response = await failing.request('/v1/cached');
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('should answer 400 problem+json listing each issue when the body is invalid', async () => {
    const response = await post('/v1/things/t_1', { name: '' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.path)).toEqual(['name']);
  });

  it('should answer 400 when a path parameter is malformed', async () => {
    const response = await post('/v1/things/NOPE', { name: 'a' });
    expect(response.status).toBe(400);
  });

  it('should answer 400 rather than 500 when the body is not JSON', async () => {
    const response = await app.request('/v1/things/t_1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('should answer 413 when the body exceeds the configured limit', async () => {
    const response = await post('/v1/things/t_1', { name: 'x'.repeat(300) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should measure the bytes it was given rather than trust a smaller Content-Length (an inflated body)', async () => {
    const request = new LightRequest('http://fn.test/v1/things/t_1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '20' },
      body: JSON.stringify({ name: 'x'.repeat(300) }),
    });
    const response = await app.fetch(request);
    expect(response.status).toBe(413);
  });

  it('should refuse a declared Content-Length over the limit without reading on', async () => {
    const response = await post('/v1/things/t_1', { name: 'a' }, { 'content-length': '100000' });
    expect(response.status).toBe(413);
  });

  it('should answer problem+json 404 when no route matches', async () => {
    const response = await app.request('/v1/nowhere');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });

  it('should map a domain error to its status when the handler throws one', async () => {
    const response = await post('/v1/things/t_1', { name: 'a', fail: 'domain' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'THING_EXISTS', detail: 'It exists.' });
  });

  it('should answer a bare 500 without the message when the handler crashes', async () => {
    const response = await post('/v1/things/t_1', { name: 'a', fail: 'crash' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret driver message');
  });

  it('should echo a well-formed request id and continue the caller trace when both are sent', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await post('/v1/things/t_1', { name: 'a' }, { 'x-request-id': 'req-12345678', traceparent });
    expect(response.headers.get('x-request-id')).toBe('req-12345678');
    expect(response.headers.get('traceresponse')).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(response.headers.get('traceresponse')).not.toContain('b7ad6b7169203331');
  });

  it('should replace a malformed request id when one is sent', async () => {
    const response = await post('/v1/things/t_1', { name: 'a' }, { 'x-request-id': 'bad id\n' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send security headers when answering', async () => {
    const response = await post('/v1/things/t_1', { name: 'a' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('should allow an origin on the allow-list and refuse others when CORS is checked', async () => {
    const allowed = await post('/v1/things/t_1', { name: 'a' }, { origin: 'https://app.uxflow.dev' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.uxflow.dev');
    const refused = await post('/v1/things/t_1', { name: 'a' }, { origin: 'https://evil.example' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('createHttpApp with an authenticator', () => {
  const seen: AuthenticationRequest[] = [];
  const stubAuthenticator = defineResource({
    name: 'stub-authenticator',
    config: defineConfig({ name: 'none', shape: {}, devDefaults: {} }),
    create: (): Authenticator => ({
      authenticate: async (request) => {
        seen.push(request);
        if (request.authorization !== 'Bearer good') throw new DomainError('unauthenticated', 'INVALID_TOKEN');
        if (request.workspaceId !== 'wsp_mine') throw new DomainError('not_found', 'WORKSPACE_NOT_FOUND');
        return {
          via: 'jwt',
          userId: 'usr_1',
          sessionId: 'ses_1',
          platformRoles: [],
          workspace: { id: 'wsp_mine', role: 'viewer', permissions: new Set() },
        };
      },
    }),
  });
  // Never exhausted: the refusal limit has tests of its own (refusal-limit-pipeline.test.ts).
  const openLimiter = defineResource({
    name: 'open-limiter',
    config: defineConfig({ name: 'none', shape: {}, devDefaults: {} }),
    create: (): RateLimiter => ({ upgradeUrl: '', check: async () => null, checkRefusals: async () => null, countRefusal: async () => {} }),
  });
  const scoped = defineHttpFunction({
    description: 'test',
    route: createRoute({
      method: 'get',
      path: '/v1/workspaces/{workspaceId}/things',
      request: { params: z.object({ workspaceId: z.string() }) },
      responses: { 200: { description: 'ok' } },
    }),
    access: authenticated({ authenticator: stubAuthenticator, limiter: openLimiter, credentials: ['jwt'] }, 'workspace:read'),
    rateLimit: { class: 'none' },
    uses: [],
    costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' },
    privacy: { personalData: 'none' },
    handler: (c) => c.json({ userId: c.var.auth.userId, role: c.var.auth.workspace?.role }, 200),
  });
  const scopedApp = createHttpApp(scoped, createRuntime({ ...scoped, name: 'ops-scoped' }, env));

  it('should hand the authenticator the header, the path workspace and the declared access', async () => {
    const response = await scopedApp.request('/v1/workspaces/wsp_mine/things', { headers: { authorization: 'Bearer good' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'usr_1', role: 'viewer' });
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer good', workspaceId: 'wsp_mine', access: { permission: 'workspace:read' } });
  });

  it('should answer 401 when the authenticator refuses the credentials', async () => {
    const response = await scopedApp.request('/v1/workspaces/wsp_mine/things');
    expect(response.status).toBe(401);
  });

  it('should answer 404 when the authenticator says the workspace is not the caller’s', async () => {
    const response = await scopedApp.request('/v1/workspaces/wsp_other/things', { headers: { authorization: 'Bearer good' } });
    expect(response.status).toBe(404);
  });
});
