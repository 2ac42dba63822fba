import type { RouteConfig } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createKey from '../../../functions/identity/create-api-key.ts';
import listKeys from '../../../functions/identity/list-api-keys.ts';
import revokeKey from '../../../functions/identity/revoke-api-key.ts';
import rotateKey from '../../../functions/identity/rotate-api-key.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { membershipCollection, membershipId, type MembershipDocument } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';

let env: Record<string, string>;
let runtime: Runtime;
const workspace = newId('wsp');
const otherWorkspace = newId('wsp');
const tokens: Record<'owner' | 'admin' | 'viewer' | 'stranger', string> = { owner: '', admin: '', viewer: '', stranger: '' };

// The apps' names do not matter here: none of these functions has limits of its own.
const address = `2001:db8:${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}::2`;
const appOf = <R extends RouteConfig>(definition: HttpFunctionDefinition<R>) =>
  createHttpApp(definition, createRuntime({ ...definition, name: 'identity-it' }, env));
const call = async <R extends RouteConfig>(
  definition: HttpFunctionDefinition<R>,
  path: string,
  as: keyof typeof tokens,
  init: { method?: string; body?: unknown } = {},
) => {
  const response = await appOf(definition).request(path, {
    method: init.method ?? 'GET',
    // An address of this file's own: its refusals count against it in the shared Redis.
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json', 'x-forwarded-for': address },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
};

beforeAll(async () => {
  env = authTestEnv(await ensureServices({ only: ['mongodb'] }), 'it_api_keys');
  runtime = createRuntime({ name: 'identity-it', uses: [accessTokens, jwtAuthenticator] }, env);
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  const member = (userId: string, role: MembershipDocument['role'], workspaceId = workspace): MembershipDocument => ({
    _id: membershipId(workspaceId, userId),
    schemaVersion: 1,
    workspaceId,
    userId,
    role,
    joinedAt: new Date(),
  });
  await db
    .collection<MembershipDocument>(membershipCollection.name)
    .insertMany([
      member('usr_owner', 'owner'),
      member('usr_admin', 'admin'),
      member('usr_viewer', 'viewer'),
      member('usr_stranger', 'owner', otherWorkspace),
    ]);
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[role] = (await runtime.use(accessTokens).issue({ userId: `usr_${role}`, sessionId: `ses_${role}`, platformRoles: [] })).token;
  }
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

const keysPath = `/v1/workspaces/${workspace}/api-keys`;

describe('API key endpoints', () => {
  it('should show the key once on creation and never again in the list', async () => {
    const created = await call(createKey, keysPath, 'owner', {
      method: 'POST',
      body: { name: 'figma plugin', permissions: ['flows:read', 'flows:export'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: expect.stringMatching(/^uxf_/),
      prefix: expect.stringMatching(/^uxf_/),
      permissions: ['flows:read', 'flows:export'],
    });
    const listed = await call(listKeys, keysPath, 'admin');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(String(created.body?.key));
    expect((listed.body?.items as { id: string }[]).map((k) => k.id)).toContain(created.body?.id);
  });

  it('should let a created key authenticate until it is revoked', async () => {
    const created = await call(createKey, keysPath, 'admin', { method: 'POST', body: { name: 'ci', permissions: ['flows:read'] } });
    const authenticate = () =>
      runtime
        .use(jwtAuthenticator)
        .authenticate({
          authorization: `Bearer ${String(created.body?.key)}`,
          workspaceId: workspace,
          method: 'GET',
          path: '/v1/test',
          access: { type: 'authenticated', credentials: ['apiKey'], permission: 'flows:read' },
        })
        .then(
          (auth) => auth.via,
          () => 'refused',
        );
    expect(await authenticate()).toBe('apiKey');
    expect((await call(revokeKey, `${keysPath}/${String(created.body?.id)}`, 'owner', { method: 'DELETE' })).status).toBe(204);
    expect(await authenticate()).toBe('refused');
  });

  it.each([
    ['a viewer (no apikeys:manage)', 'viewer', keysPath, { name: 'x', permissions: ['flows:read'] }, 403, 'PERMISSION_DENIED'],
    [
      'an admin granting what admins lack',
      'admin',
      keysPath,
      { name: 'x', permissions: ['billing:manage'] },
      403,
      'API_KEY_PERMISSION_BEYOND_ROLE',
    ],
    ['another workspace’s owner', 'stranger', keysPath, { name: 'x', permissions: ['flows:read'] }, 404, 'WORKSPACE_NOT_FOUND'],
    ['an unknown permission', 'owner', keysPath, { name: 'x', permissions: ['flows:everything'] }, 400, 'VALIDATION_FAILED'],
    [
      'an expiry in the past',
      'owner',
      keysPath,
      { name: 'x', permissions: ['flows:read'], expiresAt: '2020-01-01T00:00:00Z' },
      400,
      'API_KEY_EXPIRY_IN_PAST',
    ],
  ] as const)('should refuse creation by %s', async (_case, as, path, body, status, code) => {
    const response = await call(createKey, path, as, { method: 'POST', body });
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  });

  it('should keep a key revoked when it is rotated at the same moment', async () => {
    // FerretDB writes back a whole document on update: a revocation set on the key while the rotation
    // wrote its expiry could be lost. Revocations are inserts of their own, so every one holds.
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(createKey, keysPath, 'owner', { method: 'POST', body: { name: `race ${i}`, permissions: ['flows:read'] } }),
      ),
    );
    const ids = created.map((reply) => String(reply.body?.id));
    const answers = await Promise.all(
      ids.flatMap((id) => [
        call(revokeKey, `${keysPath}/${id}`, 'owner', { method: 'DELETE' }),
        call(rotateKey, `${keysPath}/${id}/rotate`, 'owner', { method: 'POST', body: {} }),
      ]),
    );
    expect(answers.filter((_, i) => i % 2 === 0).map((reply) => reply.status)).toEqual(ids.map(() => 204));
    const listed = (await call(listKeys, keysPath, 'owner')).body?.items as { id: string; revokedAt: string | null }[];
    const revoked = ids.filter((id) => typeof listed.find((key) => key.id === id)?.revokedAt === 'string');
    expect(revoked).toEqual(ids);
  });

  it('should answer 404 when revoking a key the workspace does not have', async () => {
    const response = await call(revokeKey, `${keysPath}/${newId('apk')}`, 'owner', { method: 'DELETE' });
    expect({ status: response.status, code: response.body?.code }).toEqual({ status: 404, code: 'API_KEY_NOT_FOUND' });
  });
});
