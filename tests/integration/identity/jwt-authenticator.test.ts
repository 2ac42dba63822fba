import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { membershipCollection, membershipId, type MembershipDocument } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { isDomainError, type WorkspacePermission } from '../../../shared/kernel/index.ts';
import { apiKeyPrefix, type ApiKeyRecord } from '../../../shared/identity/api-keys.ts';
import { apiKeyUseCollection, createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import type { AuthenticationRequest } from '../../../shared/platform/http/auth-context.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';

let runtime: Runtime;
let viewerToken: string;

const member = (workspaceId: string, userId: string, role: MembershipDocument['role']): MembershipDocument => ({
  _id: membershipId(workspaceId, userId),
  schemaVersion: 1,
  workspaceId,
  userId,
  role,
  joinedAt: new Date(),
});
const workspaceAccess = (permission: WorkspacePermission): AuthenticationRequest['access'] => ({
  type: 'authenticated',
  credentials: ['jwt'],
  permission,
});
const outcome = (request: Omit<AuthenticationRequest, 'method' | 'path'>) =>
  runtime
    .use(jwtAuthenticator)
    .authenticate({ method: 'GET', path: '/v1/test', ...request })
    .then(
      (auth) => (auth.via === 'apiKey' ? 'api-key' : (auth.workspace?.role ?? 'authenticated')),
      (e: unknown) => (isDomainError(e) ? `${e.kind}:${e.code}` : String(e)),
    );

beforeAll(async () => {
  const env = await ensureServices({ only: ['mongodb'] });
  runtime = createRuntime({ name: 'identity-it', uses: [jwtAuthenticator, accessTokens] }, authTestEnv(env, 'it_jwt_authenticator'));
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  await db
    .collection<MembershipDocument>(membershipCollection.name)
    .insertMany([member('wsp_a', 'usr_viewer', 'viewer'), member('wsp_b', 'usr_other', 'owner')]);
  viewerToken = (await runtime.use(accessTokens).issue({ userId: 'usr_viewer', sessionId: 'ses_v', platformRoles: [] })).token;
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

describe('the JWT authenticator', () => {
  it('should grant what the member role allows in their workspace', async () => {
    expect(await outcome({ authorization: `Bearer ${viewerToken}`, workspaceId: 'wsp_a', access: workspaceAccess('flows:read') })).toBe(
      'viewer',
    );
  });

  it('should answer 403 for a member whose role lacks the permission', async () => {
    expect(await outcome({ authorization: `Bearer ${viewerToken}`, workspaceId: 'wsp_a', access: workspaceAccess('flows:create') })).toBe(
      'forbidden:PERMISSION_DENIED',
    );
  });

  it('should answer 404, never 403, for another tenant’s workspace', async () => {
    expect(await outcome({ authorization: `Bearer ${viewerToken}`, workspaceId: 'wsp_b', access: workspaceAccess('workspace:read') })).toBe(
      'not_found:WORKSPACE_NOT_FOUND',
    );
  });

  it.each([
    [undefined, 'unauthenticated:UNAUTHENTICATED'],
    ['Basic dXNlcjpwYXNz', 'unauthenticated:UNAUTHENTICATED'],
    ['Bearer not-a-jwt', 'unauthenticated:INVALID_TOKEN'],
    ['Bearer uxf_abcdef', 'unauthenticated:API_KEY_NOT_ACCEPTED'],
  ])('should refuse the Authorization header %s', async (authorization, expected) => {
    expect(await outcome({ authorization, workspaceId: 'wsp_a', access: workspaceAccess('flows:read') })).toBe(expected);
  });

  it('should refuse a token of a revoked session at once', async () => {
    await runtime
      .use(mongo)
      .db.collection('session_revocations')
      .insertOne({ _id: 'ses_gone' as never, schemaVersion: 1, reason: 'logout', revokedAt: new Date() });
    const token = (await runtime.use(accessTokens).issue({ userId: 'usr_viewer', sessionId: 'ses_gone', platformRoles: [] })).token;
    expect(await outcome({ authorization: `Bearer ${token}`, workspaceId: 'wsp_a', access: workspaceAccess('flows:read') })).toBe(
      'unauthenticated:SESSION_REVOKED',
    );
  });

  it('should accept any valid token for `self` and require the platform role for staff endpoints', async () => {
    const self = { type: 'authenticated', credentials: ['jwt'], permission: 'self' } as const;
    expect(await outcome({ authorization: `Bearer ${viewerToken}`, workspaceId: undefined, access: self })).toBe('authenticated');
    expect(
      await outcome({ authorization: `Bearer ${viewerToken}`, workspaceId: undefined, access: { type: 'platform', role: 'dpo' } }),
    ).toBe('forbidden:PERMISSION_DENIED');
    // Roles are read from the account, and the session must have passed a second factor the account still has.
    const db = runtime.use(mongo).db;
    await db.collection('users').insertOne({ _id: 'usr_dpo' as never, email: 'dpo@example.com', platformRoles: ['dpo'] });
    await db.collection('sessions').insertMany([
      { _id: 'ses_d' as never, userId: 'usr_dpo', rememberMe: false, createdAt: new Date(), secondFactor: true },
      { _id: 'ses_d_pwd' as never, userId: 'usr_dpo', rememberMe: false, createdAt: new Date(), secondFactor: false },
    ]);
    const dpoToken = async (sessionId: string) =>
      `Bearer ${(await runtime.use(accessTokens).issue({ userId: 'usr_dpo', sessionId, platformRoles: ['dpo'] })).token}`;
    const platformAccess = { type: 'platform', role: 'dpo' } as const;
    expect(await outcome({ authorization: await dpoToken('ses_d'), workspaceId: undefined, access: platformAccess })).toBe(
      'forbidden:STAFF_2FA_REQUIRED',
    );
    await db.collection('two_factor').insertOne({ _id: 'usr_dpo' as never, enrollmentId: 'tfa_x' });
    expect(await outcome({ authorization: await dpoToken('ses_d'), workspaceId: undefined, access: platformAccess })).toBe('authenticated');
    expect(await outcome({ authorization: await dpoToken('ses_d_pwd'), workspaceId: undefined, access: platformAccess })).toBe(
      'forbidden:STAFF_2FA_REQUIRED',
    );
    // A token claiming a role the account does not hold gets nothing.
    const forged = (await runtime.use(accessTokens).issue({ userId: 'usr_viewer', sessionId: 'ses_v', platformRoles: ['admin'] })).token;
    expect(await outcome({ authorization: `Bearer ${forged}`, workspaceId: undefined, access: platformAccess })).toBe(
      'forbidden:PERMISSION_DENIED',
    );
  });
});

describe('API keys through the authenticator', () => {
  const withKeys = (permission: WorkspacePermission): AuthenticationRequest['access'] => ({
    type: 'authenticated',
    credentials: ['jwt', 'apiKey'],
    permission,
  });
  const key = 'uxf_integration-test-key-0123456789abcdefghijklmn';
  const record = (id: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
    id,
    workspaceId: 'wsp_a',
    name: 'ci',
    prefix: apiKeyPrefix(key),
    permissions: ['flows:read', 'flows:update'],
    createdBy: 'usr_viewer',
    createdAt: new Date(),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  });

  beforeAll(async () => {
    const store = createApiKeyStore(runtime.use(mongo).db);
    await store.insert(record('apk_ok'), key);
    await store.insert(record('apk_revoked', { revokedAt: new Date() }), `${key}-revoked`);
    await store.insert(record('apk_expired', { expiresAt: new Date(Date.now() - 1000) }), `${key}-expired`);
    await store.insert(record('apk_orphan', { createdBy: 'usr_left_the_workspace' }), `${key}-orphan`);
  });

  it('should accept a key for a permission it carries in its own workspace and record the use', async () => {
    expect(await outcome({ authorization: `Bearer ${key}`, workspaceId: 'wsp_a', access: withKeys('flows:read') })).toBe('api-key');
    expect(await runtime.use(mongo).db.collection(apiKeyUseCollection.name).countDocuments({ keyId: 'apk_ok' })).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a permission the key lacks', key, 'wsp_a', 'flows:delete', 'forbidden:PERMISSION_DENIED'],
    ['another workspace', key, 'wsp_b', 'flows:read', 'not_found:WORKSPACE_NOT_FOUND'],
    ['a revoked key', `${key}-revoked`, 'wsp_a', 'flows:read', 'unauthenticated:INVALID_API_KEY'],
    ['an expired key', `${key}-expired`, 'wsp_a', 'flows:read', 'unauthenticated:INVALID_API_KEY'],
    ['an unknown key', 'uxf_nobody-knows-this-key', 'wsp_a', 'flows:read', 'unauthenticated:INVALID_API_KEY'],
    ['a key whose creator left the workspace', `${key}-orphan`, 'wsp_a', 'flows:read', 'unauthenticated:INVALID_API_KEY'],
    ['a permission the key holds but its creator’s role (viewer) does not', key, 'wsp_a', 'flows:update', 'forbidden:PERMISSION_DENIED'],
  ] as const)('should refuse %s', async (_case, token, workspaceId, permission, expected) => {
    expect(await outcome({ authorization: `Bearer ${token}`, workspaceId, access: withKeys(permission) })).toBe(expected);
  });
});
