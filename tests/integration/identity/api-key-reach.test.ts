import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createKey from '../../../functions/identity/create-api-key.ts';
import listKeys from '../../../functions/identity/list-api-keys.ts';
import getWorkspace from '../../../functions/workspaces/get.ts';
import listMembers from '../../../functions/workspaces/list-members.ts';
import listWorkspaces from '../../../functions/workspaces/list.ts';
import updateWorkspace from '../../../functions/workspaces/update.ts';
import { newSecret } from '../../../shared/identity/secrets.ts';
import { createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import { newId, type WorkspacePermission } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

/**
 * What an API key reaches: the workspace reads a script or the Figma plugin needs, never the
 * account or management endpoints; and no key is created with a permission nothing would honour.
 */
let kit: WorkspaceKit;

beforeAll(async () => {
  kit = await startWorkspaceKit('it_api_key_reach');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const team = async () => {
  const { owner, admin, viewer } = await kit.users('owner', 'admin', 'viewer');
  const workspaceId = await kit.workspace({ owner: [owner], admin: [admin], viewer: [viewer] });
  return { owner, admin, viewer, workspaceId };
};

/** A key created through the endpoint, as a caller holding it. */
const keyOf = async (workspaceId: string, creator: TestUser, permissions: WorkspacePermission[]): Promise<TestUser> => {
  const created = await kit.call(createKey, `/v1/workspaces/${workspaceId}/api-keys`, creator, {
    method: 'POST',
    body: { name: 'script', permissions },
  });
  if (created.status !== 201) throw new Error(`creating the key answered ${created.status}: ${created.text}`);
  return { ...creator, token: String(created.body?.key) };
};

/** A key stored directly, as one created before unusable permissions were refused. */
const storedKey = async (workspaceId: string, creator: TestUser, permissions: WorkspacePermission[]): Promise<TestUser> => {
  const key = newSecret('uxf');
  await createApiKeyStore(kit.db).insert(
    {
      id: newId('apk'),
      workspaceId,
      name: 'older key',
      prefix: key.slice(0, 12),
      permissions,
      createdBy: creator.id,
      createdAt: new Date(),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    },
    key,
  );
  return { ...creator, token: key };
};

describe('creating an API key', () => {
  it('should refuse with 422 API_KEY_PERMISSION_UNUSABLE a permission no key-accepting endpoint declares, naming it', async () => {
    const { owner, workspaceId } = await team();
    const reply = await kit.call(createKey, `/v1/workspaces/${workspaceId}/api-keys`, owner, {
      method: 'POST',
      body: { name: 'too much', permissions: ['flows:read', 'workspace:delete', 'members:invite'] },
    });
    expect(outcome(reply)).toEqual({ status: 422, code: 'API_KEY_PERMISSION_UNUSABLE' });
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body?.permissions).toEqual(['workspace:delete', 'members:invite']);
    expect(reply.body?.usablePermissions).toContain('workspace:read');
    expect(reply.body?.usablePermissions).not.toContain('workspace:delete');
    // Nothing half-written: the workspace has no key.
    const listed = await kit.call(listKeys, `/v1/workspaces/${workspaceId}/api-keys`, owner);
    expect(listed.body?.items).toEqual([]);
  });

  it.each([['workspace:update'], ['workspace:transfer'], ['members:update'], ['billing:manage'], ['apikeys:manage']] as const)(
    'should refuse %s for a key whatever the creator’s role',
    async (permission) => {
      const { owner, workspaceId } = await team();
      const reply = await kit.call(createKey, `/v1/workspaces/${workspaceId}/api-keys`, owner, {
        method: 'POST',
        body: { name: 'x', permissions: [permission] },
      });
      expect({ ...outcome(reply), permissions: reply.body?.permissions }).toEqual({
        status: 422,
        code: 'API_KEY_PERMISSION_UNUSABLE',
        permissions: [permission],
      });
    },
  );
});

describe('a workspace API key', () => {
  it('should read its workspace with workspace:read, with no role of its own', async () => {
    const { owner, workspaceId } = await team();
    const key = await keyOf(workspaceId, owner, ['workspace:read']);
    const reply = await kit.call(getWorkspace, `/v1/workspaces/${workspaceId}`, key);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: workspaceId, ownerId: owner.id, role: null });
  });

  it('should list the members with members:read, and not without it', async () => {
    const { owner, admin, viewer, workspaceId } = await team();
    const key = await keyOf(workspaceId, admin, ['members:read']);
    const reply = await kit.call(listMembers, `/v1/workspaces/${workspaceId}/members`, key);
    expect(reply.status).toBe(200);
    const ids = (reply.body?.items as { userId: string }[]).map((m) => m.userId);
    expect(ids.sort()).toEqual([owner.id, admin.id, viewer.id].sort());
    const readOnly = await keyOf(workspaceId, admin, ['workspace:read']);
    expect(outcome(await kit.call(listMembers, `/v1/workspaces/${workspaceId}/members`, readOnly))).toEqual({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
  });

  it('should not read another workspace of its creator', async () => {
    const { owner, workspaceId } = await team();
    const other = await kit.workspace({ owner: [owner] });
    const key = await keyOf(workspaceId, owner, ['workspace:read', 'members:read']);
    expect(outcome(await kit.call(getWorkspace, `/v1/workspaces/${other}`, key))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
  });

  it('should answer 401 API_KEY_NOT_ACCEPTED on endpoints that take user tokens only', async () => {
    const { owner, workspaceId } = await team();
    const key = await keyOf(workspaceId, owner, ['workspace:read', 'members:read']);
    const ws = `/v1/workspaces/${workspaceId}`;
    const replies = [
      await kit.call(listWorkspaces, '/v1/workspaces', key),
      await kit.call(updateWorkspace, ws, key, { method: 'PATCH', body: { name: 'Renamed by a key' } }),
      await kit.call(listKeys, `${ws}/api-keys`, key),
    ];
    expect(replies.map(outcome)).toEqual(Array(3).fill({ status: 401, code: 'API_KEY_NOT_ACCEPTED' }));
  });

  it('should keep working for its usable permissions when it was stored with one no endpoint honours', async () => {
    const { owner, workspaceId } = await team();
    const key = await storedKey(workspaceId, owner, ['workspace:read', 'workspace:update']);
    expect((await kit.call(getWorkspace, `/v1/workspaces/${workspaceId}`, key)).status).toBe(200);
    const renamed = await kit.call(updateWorkspace, `/v1/workspaces/${workspaceId}`, key, { method: 'PATCH', body: { name: 'No' } });
    expect(outcome(renamed)).toEqual({ status: 401, code: 'API_KEY_NOT_ACCEPTED' });
  });
});
