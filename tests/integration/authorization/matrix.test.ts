import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../scripts/db/migrate.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { newSecret } from '../../../shared/identity/secrets.ts';
import { createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import { newId, workspacePermissions } from '../../../shared/kernel/index.ts';
import { named, type NamedHttpFunction } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { rolePermissions } from '../../../shared/workspaces/index.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { newClientAddress } from '../../support/client-address.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { exampleFor, type ExampleContext, type ExampleRequest } from './examples.ts';
import { callers, createMatrixWorkspace, registerCallers, type Caller, type MatrixUser } from './matrix-fixture.ts';
import login from '../../../functions/identity/login.ts';

/**
 * Walks every registered HTTP function (so future ones too) and calls it as each workspace role
 * and as a user of another workspace, with a valid request: the answer must be 2xx when the
 * declared permission allows it, 403 for a member whose role lacks it, 404 for the stranger —
 * also on routes that name a resource (a flow) rather than its workspace. Then once more with an
 * owner's API key holding every permission: 2xx where the function accepts keys, else 401
 * `API_KEY_NOT_ACCEPTED`.
 */
const database = testDatabase('it_authorization_matrix');
const definitions = (await loadDefinitions()).map(({ definition }) => definition).filter((d): d is NamedHttpFunction => d.kind === 'http');
const guarded = definitions.filter((d) => d.access.type === 'authenticated' || d.access.type === 'platform');

/** The matrix refuses on purpose, thousands of times: it counts them against an address of its own. */
const address = newClientAddress();
let runtime: Runtime;
let env: Record<string, string>;
let loginApp: Hono;
const apps = new Map<string, Hono>();

beforeAll(async () => {
  const services = await ensureServices({ only: ['mongodb', 'mail', 'upstash'] });
  // Knowledge collections of the matrix's own (its workspaces are new each run).
  env = { ...services, APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_DB: database, KNOWLEDGE_COLLECTION_PREFIX: 'it-matrix' };
  runtime = createRuntime({ name: 'matrix', uses: [mongo, accessTokens] }, env);
  await runtime.use(mongo).db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  for (const definition of guarded) apps.set(definition.name, createHttpApp(definition, createRuntime(definition, env)) as unknown as Hono);
  loginApp = createHttpApp(login, createRuntime(named(login, 'functions/identity/login.ts'), env)) as unknown as Hono;
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

const send = async (name: string, request: ExampleRequest, token: string) => {
  const response = await apps.get(name)!.request(request.path, {
    method: request.method,
    headers: {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': address,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    ...(request.form === undefined ? {} : { body: request.form }),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, body: text && isJson ? (JSON.parse(text) as unknown) : text };
};

/** A token of its own per call: a function such as logout-all must not end the next call's session. */
const freshToken = async (user: MatrixUser) =>
  (await runtime.use(accessTokens).issue({ userId: user.userId, sessionId: newId('ses'), platformRoles: [] })).token;

/**
 * An owner's key with every workspace permission, stored directly (creation refuses permissions no
 * key-accepting endpoint uses; a key from before that rule may hold them all).
 */
const everythingKey = async (workspaceId: string, owner: MatrixUser): Promise<string> => {
  const key = newSecret('uxf');
  const record = {
    id: newId('apk'),
    workspaceId,
    name: 'matrix',
    prefix: key.slice(0, 12),
    permissions: workspacePermissions,
    createdBy: owner.userId,
    createdAt: new Date(),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  };
  await createApiKeyStore(runtime.use(mongo).db).insert(record, key);
  return key;
};

const acceptsKeys = ({ access }: NamedHttpFunction) =>
  access.type === 'authenticated' && access.permission !== 'self' && access.credentials.includes('apiKey');

/** A refused key never reaches validation: any value in the other path parameters will do. */
const anyRequest = ({ route }: NamedHttpFunction, workspaceId: string): ExampleRequest => ({
  method: route.method.toUpperCase(),
  path: route.path.replace('{workspaceId}', workspaceId).replace(/\{\w+\}/g, 'x'),
});

const logIn = async (user: MatrixUser) => {
  const response = await loginApp.request('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.77' },
    body: JSON.stringify({ email: user.email, password: user.password, refreshTokenIn: 'body' }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
};

const contextFor = (workspaceId: string, users: Record<Caller, MatrixUser>): ExampleContext => ({
  db: runtime.use(mongo).db,
  workspaceId,
  users,
  as: async (who, other, request) => send(other, request, await freshToken(users[who])),
  login: (who) => logIn(users[who]),
});

const expectedStatus = (definition: NamedHttpFunction, caller: Caller, hasWorkspace: boolean): '2xx' | 403 | 404 => {
  const { access } = definition;
  if (access.type === 'platform') return 403;
  if (access.type !== 'authenticated' || access.permission === 'self' || !hasWorkspace) return '2xx';
  if (caller === 'stranger') return 404;
  return rolePermissions[caller].has(access.permission) ? '2xx' : 403;
};

describe('the authorization matrix', () => {
  it('should know every HTTP function as public (with a reason), signature-checked, or guarded by a permission and an authenticator', () => {
    for (const definition of definitions) {
      const { access } = definition;
      const ok =
        (access.type === 'public' && access.reason.length > 0) ||
        access.type === 'signature' ||
        ((access.type === 'authenticated' || access.type === 'platform') && access.authenticator !== undefined);
      expect({ name: definition.name, ok }).toEqual({ name: definition.name, ok: true });
    }
  });

  it('should have a valid example request for every guarded function', () => {
    // A route with a body, a required query or header, or path parameters besides {workspaceId}
    // needs its example in tests/integration/authorization/<domain>-examples.ts.
    expect(guarded.filter((d) => !exampleFor(d)).map((d) => d.name)).toEqual([]);
  });

  describe.each(guarded.map((d) => [d.name, d] as const))('%s', (name, definition) => {
    // Callers of their own per function: 2FA enrolment or a password change must not leak into the next one.
    let users: Record<Caller, MatrixUser>;
    beforeAll(async () => {
      users = await registerCallers(env);
    });

    it.each(callers.map((caller) => [caller]))('should answer as the declared permission says when called by %s', async (caller) => {
      const workspaceId = await createMatrixWorkspace(runtime.use(mongo).db, users);
      const ctx = contextFor(workspaceId, users);
      const example = exampleFor(definition);
      if (!example) throw new Error(`no example request for ${name}: add one in tests/integration/authorization/<domain>-examples.ts`);
      const request = await example(ctx, caller);
      // A flow route names its workspace through the flow (the example's flow is in the matrix workspace).
      const expected = expectedStatus(definition, caller, /\{(workspaceId|flowId)\}/.test(definition.route.path));
      const { status, body } = await send(name, request, await freshToken(users[caller]));
      const outcome = status >= 200 && status < 300 ? '2xx' : status === request.permitted && expected === '2xx' ? '2xx' : status;
      expect({ name, caller, outcome, body: outcome === expected ? null : body }).toEqual({ name, caller, outcome: expected, body: null });
    });

    it('should answer an owner’s API key with every permission as the declared credentials say', async () => {
      const workspaceId = await createMatrixWorkspace(runtime.use(mongo).db, users);
      const key = await everythingKey(workspaceId, users.owner);
      const ctx = contextFor(workspaceId, users);
      const request = acceptsKeys(definition) ? await exampleFor(definition)!(ctx, 'owner') : anyRequest(definition, workspaceId);
      const { status, body } = await send(name, request, key);
      const expected = acceptsKeys(definition) ? '2xx' : '401 API_KEY_NOT_ACCEPTED';
      const permitted = status === request.permitted && expected === '2xx';
      const outcome =
        (status >= 200 && status < 300) || permitted ? '2xx' : `${status} ${String((body as { code?: unknown } | null)?.code)}`;
      expect({ name, outcome, body: outcome === expected ? null : body }).toEqual({ name, outcome: expected, body: null });
    });
  });
});
