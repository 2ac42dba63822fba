import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAssets } from '../../../scripts/build/assets.ts';
import { migrate } from '../../../scripts/db/migrate.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named, type NamedHttpFunction } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import login from '../../../functions/identity/login.ts';
import { exampleFor, type ExampleContext, type ExampleRequest } from '../authorization/examples.ts';
import { createMatrixWorkspace, registerCallers, type Caller, type MatrixUser } from '../authorization/matrix-fixture.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { generatedRequests, type RawRequest } from './generated-inputs.ts';

/**
 * Walks every HTTP function (so future ones too) and sends it requests generated from a valid one
 * (the authorization matrix's example, or the table below for public functions) by the workspace
 * owner: whatever the input, the answer is never a 500 — bad input is a 4xx problem.
 */
const database = 'it_no_server_errors';
const runsPerFunction = 40;
const definitions = (await loadDefinitions()).map(({ definition }) => definition).filter((d): d is NamedHttpFunction => d.kind === 'http');

const web = 'http://localhost:5173';
/** Valid requests for the functions the matrix does not call (no permission to check). */
const publicExamples: Record<string, (ctx: ExampleContext) => ExampleRequest> = {
  'billing-list-plans': () => ({ method: 'GET', path: '/v1/billing/plans' }),
  'billing-stripe-webhook': () => ({
    method: 'POST',
    path: '/v1/webhooks/stripe',
    headers: { 'stripe-signature': 't=1700000000,v1=00' },
    body: { id: 'evt_1', type: 'customer.subscription.updated', data: { object: { id: 'sub_1' } } },
  }),
  'flows-list-templates': () => ({ method: 'GET', path: '/v1/templates' }),
  // A link of an export that does not exist: the signature is checked first (403).
  'privacy-download-export': () => ({
    method: 'GET',
    path: `/v1/privacy/exports/pex_${'0'.repeat(20)}/download?expires=4102444800&signature=${'A'.repeat(43)}`,
  }),
  'identity-forgot-password': (ctx) => ({ method: 'POST', path: '/v1/auth/password/forgot', body: { email: ctx.users.owner.email } }),
  'identity-jwks': () => ({ method: 'GET', path: '/.well-known/jwks.json' }),
  'identity-login': (ctx) => ({
    method: 'POST',
    path: '/v1/auth/login',
    body: { email: ctx.users.viewer.email, password: ctx.users.viewer.password, refreshTokenIn: 'body' },
  }),
  'identity-logout': () => ({ method: 'POST', path: '/v1/auth/logout', body: { refreshToken: 'rt_unknown' } }),
  'identity-oauth-callback': () => ({ method: 'GET', path: '/v1/auth/oauth/google/callback?code=abc&state=def' }),
  'identity-oauth-start': () => ({
    method: 'GET',
    path: `/v1/auth/oauth/google/start?redirectUri=${encodeURIComponent(`${web}/auth/callback`)}`,
  }),
  'identity-refresh': () => ({ method: 'POST', path: '/v1/auth/refresh', body: { refreshToken: 'rt_unknown', refreshTokenIn: 'body' } }),
  'identity-register': () => ({
    method: 'POST',
    path: '/v1/auth/register',
    body: { email: `generated-${newId('g')}@example.com`, password: 'A generated passphrase', name: 'Generated' },
  }),
  'identity-reset-password': () => ({
    method: 'POST',
    path: '/v1/auth/password/reset',
    body: { token: 'prt_unknown', password: 'A new passphrase 1' },
  }),
  'identity-verify-email': () => ({ method: 'POST', path: '/v1/auth/email/verify', body: { token: 'evt_unknown' } }),
  'ops-health': () => ({ method: 'GET', path: '/v1/health' }),
  'ops-dependencies': () => ({ method: 'GET', path: '/v1/health/dependencies' }),
  'ops-not-found': () => ({ method: 'GET', path: '/v1/nothing-here' }),
  // The API reference's files come from dist/assets, which `npm test` builds before the tests.
  'ops-api-reference': () => ({ method: 'GET', path: '/docs' }),
  'ops-api-reference-script': () => ({ method: 'GET', path: '/docs/api-reference.js' }),
  'ops-openapi': () => ({ method: 'GET', path: '/openapi.json' }),
  // A receipt that does not exist: the same 404 as a wrong token.
  'privacy-erasure-receipt': () => ({
    method: 'GET',
    path: `/v1/privacy/erasure-receipts/era_${'0'.repeat(20)}?token=${'A'.repeat(43)}`,
  }),
};

let runtime: Runtime;
let env: Record<string, string>;
const apps = new Map<string, Hono>();
let loginApp: Hono;
let sharedUsers: Record<Caller, MatrixUser> | undefined;

beforeAll(async () => {
  // The API reference functions serve files that `npm run build` writes; a standalone run writes them here.
  await writeAssets();
  const services = await ensureServices({ only: ['mongodb', 'mail', 'upstash', 'stripe', 'oauth'] });
  const plenty = '1000000';
  env = {
    ...services,
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_DB: database,
    // Rate limits would answer 429 before the validators: lift them, the inputs are the point here.
    RATE_LIMIT_IP_MULTIPLIER: '1000',
    RATE_LIMIT_API_PER_MINUTE: `free:${plenty},basic:${plenty},pro:${plenty},enterprise:${plenty}`,
    RATE_LIMIT_USER_PER_MINUTE: plenty,
  };
  runtime = createRuntime({ name: 'no-server-errors', uses: [mongo, accessTokens] }, env);
  await runtime.use(mongo).db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  for (const definition of definitions)
    apps.set(definition.name, createHttpApp(definition, createRuntime(definition, env)) as unknown as Hono);
  loginApp = createHttpApp(login, createRuntime(named(login, 'functions/identity/login.ts'), env)) as unknown as Hono;
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

const tokenOf = async (user: MatrixUser) =>
  (await runtime.use(accessTokens).issue({ userId: user.userId, sessionId: newId('ses'), platformRoles: [] })).token;

const sendRaw = async (name: string, request: RawRequest, token: string) => {
  const response = await apps.get(name)!.request(request.path, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.200', ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  return { status: response.status, text: text.slice(0, 300) };
};

const contextFor = async (users: Record<Caller, MatrixUser>): Promise<ExampleContext> => {
  const db = runtime.use(mongo).db;
  const workspaceId = await createMatrixWorkspace(db, users);
  const json = async (response: Response) => ({ status: response.status, body: (await response.json().catch(() => null)) as unknown });
  return {
    db,
    workspaceId,
    users,
    as: async (who, other, request) =>
      json(
        await apps.get(other)!.request(request.path, {
          method: request.method,
          headers: {
            authorization: `Bearer ${await tokenOf(users[who])}`,
            'content-type': 'application/json',
            'x-forwarded-for': '198.51.100.200',
            ...request.headers,
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        }),
      ),
    login: async (who) =>
      json(
        await loginApp.request('/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.78' },
          body: JSON.stringify({ email: users[who].email, password: users[who].password, refreshTokenIn: 'body' }),
        }),
      ),
  };
};

describe('generated requests to every HTTP function', () => {
  it('should have a valid request to start from for every HTTP function', () => {
    expect(definitions.filter((d) => !exampleFor(d) && !publicExamples[d.name]).map((d) => d.name)).toEqual([]);
  });

  describe.each(definitions.map((d) => [d.name, d] as const))('%s', (name, definition) => {
    it(`should answer ${runsPerFunction} generated requests without a 500`, async () => {
      // Identity functions get callers of their own: a generated request may change a password or enrol 2FA.
      const users = name.startsWith('identity-') ? await registerCallers(env) : (sharedUsers ??= await registerCallers(env));
      const ctx = await contextFor(users);
      // The matrix's example (its own, or the bare request of a plain workspace route) unless the table above has one.
      const example = publicExamples[name] ? undefined : exampleFor(definition);
      const publicExample = publicExamples[name];
      if (!example && !publicExample) throw new Error(`no request to start from for ${name}: add one to publicExamples`);
      const base = example ? await example(ctx, 'owner') : publicExample!(ctx);
      const token = await tokenOf(users.owner);
      await fc.assert(
        fc.asyncProperty(generatedRequests(definition, base), async (request) => {
          const answer = await sendRaw(name, request, token);
          expect({ name, status: answer.status === 500 ? `500: ${answer.text}` : 'not 500' }).toEqual({ name, status: 'not 500' });
        }),
        { numRuns: runsPerFunction },
      );
      // Each function makes its own workspace (and identity functions their own callers, argon2
      // hashes): on a loaded CI machine that alone has taken most of a minute.
    }, 180_000);
  });
});
