import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createWorkspace from '../../../functions/workspaces/create.ts';
import deleteWorkspace from '../../../functions/workspaces/delete.ts';
import getWorkspace from '../../../functions/workspaces/get.ts';
import listMembers from '../../../functions/workspaces/list-members.ts';
import listWorkspaces from '../../../functions/workspaces/list.ts';
import transferWorkspace from '../../../functions/workspaces/transfer.ts';
import updateWorkspace from '../../../functions/workspaces/update.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
let owner: TestUser, admin: TestUser, editor: TestUser, stranger: TestUser;
let shared: string;

beforeAll(async () => {
  kit = await startWorkspaceKit('it_workspaces');
  ({ owner, admin, editor, stranger } = await kit.users('owner', 'admin', 'editor', 'stranger'));
  shared = await kit.workspace({ owner: [owner], admin: [admin], editor: [editor] });
  await kit.workspace({ owner: [stranger] });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const path = (id: string) => `/v1/workspaces/${id}`;

describe('POST /v1/workspaces', () => {
  it('should make the creator owner of a free workspace when the personal plan allows another', async () => {
    const me = await kit.user('trial');
    await kit.workspace({ owner: [me] }, { personal: true, plan: 'pro', trialEndsAt: new Date(Date.now() + 86_400_000) });
    const created = await kit.call(createWorkspace, '/v1/workspaces', me, { method: 'POST', body: { name: '  Design team ' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Design team', plan: 'free', role: 'owner', ownerId: me.id, personal: false });
    const listed = await kit.call(listWorkspaces, '/v1/workspaces', me);
    expect((listed.body?.items as { id: string; role: string }[]).map((w) => w.role)).toEqual(['owner', 'owner']);
  });

  it('should answer 402 WORKSPACE_LIMIT_REACHED with the figures when the free plan’s one workspace exists', async () => {
    const me = await kit.user('free');
    const personal = await kit.workspace({ owner: [me] }, { personal: true, plan: 'free' });
    const refused = await kit.call(createWorkspace, '/v1/workspaces', me, { method: 'POST', body: { name: 'second' } });
    expect(outcome(refused)).toEqual({ status: 402, code: 'WORKSPACE_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({
      limit: 1,
      current: 1,
      plan: 'free',
      upgradeUrl: `https://app.uxflow.test/workspaces/${personal}/billing/upgrade`,
    });
  });

  it('should count an ended trial as free when judging the limit', async () => {
    const me = await kit.user('expired');
    await kit.workspace({ owner: [me] }, { personal: true, plan: 'pro', trialEndsAt: new Date(Date.now() - 1000) });
    const refused = await kit.call(createWorkspace, '/v1/workspaces', me, { method: 'POST', body: { name: 'x' } });
    expect(outcome(refused)).toEqual({ status: 402, code: 'WORKSPACE_LIMIT_REACHED' });
  });

  it.each([[{}], [{ name: '' }], [{ name: 'x'.repeat(101) }], [{ name: 42 }]])('should answer 400 for the body %j', async (body) => {
    expect(outcome(await kit.call(createWorkspace, '/v1/workspaces', owner, { method: 'POST', body }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('GET and PATCH /v1/workspaces/{workspaceId}', () => {
  it('should show the workspace with the caller’s role to a member', async () => {
    const reply = await kit.call(getWorkspace, path(shared), editor);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: shared, role: 'editor', ownerId: owner.id });
  });

  it.each([
    ['another tenant', () => stranger, () => path(shared), 404, 'WORKSPACE_NOT_FOUND'],
    ['an unknown workspace', () => owner, () => path(newId('wsp')), 404, 'WORKSPACE_NOT_FOUND'],
    // The access guard runs before validation: a malformed id names no workspace of the caller's.
    ['a malformed id', () => owner, () => '/v1/workspaces/nope', 404, 'WORKSPACE_NOT_FOUND'],
  ])('should refuse reading for %s', async (_case, as, to, status, code) => {
    expect(outcome(await kit.call(getWorkspace, to(), as()))).toEqual({ status, code });
  });

  it('should rename for an admin and refuse an editor', async () => {
    const renamed = await kit.call(updateWorkspace, path(shared), admin, { method: 'PATCH', body: { name: 'Renamed' } });
    expect(renamed.body).toMatchObject({ name: 'Renamed', role: 'admin' });
    const refused = await kit.call(updateWorkspace, path(shared), editor, { method: 'PATCH', body: { name: 'Nope' } });
    expect(outcome(refused)).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    const unknownField = await kit.call(updateWorkspace, path(shared), owner, { method: 'PATCH', body: { name: 'a', plan: 'enterprise' } });
    expect(outcome(unknownField)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(outcome(await kit.call(updateWorkspace, path(shared), stranger, { method: 'PATCH', body: { name: 'x' } }))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
  });
});

describe('POST /v1/workspaces/{workspaceId}/transfer', () => {
  it('should make the target owner and the old owner admin', async () => {
    const { a, b } = await kit.users('a', 'b');
    const id = await kit.workspace({ owner: [a], editor: [b] });
    const moved = await kit.call(transferWorkspace, `${path(id)}/transfer`, a, { method: 'POST', body: { userId: b.id } });
    expect(moved.body).toMatchObject({ ownerId: b.id, role: 'admin' });
    expect([await kit.roleOf(id, a.id), await kit.roleOf(id, b.id)]).toEqual(['admin', 'owner']);
  });

  it.each([
    ['a non-member target', () => owner, () => ({ userId: stranger.id }), 400, 'TRANSFER_TARGET_NOT_MEMBER'],
    ['an admin', () => admin, () => ({ userId: editor.id }), 403, 'PERMISSION_DENIED'],
    ['another tenant', () => stranger, () => ({ userId: editor.id }), 404, 'WORKSPACE_NOT_FOUND'],
    ['a malformed user id', () => owner, () => ({ userId: 'bob' }), 400, 'VALIDATION_FAILED'],
  ])('should refuse a transfer by %s', async (_case, as, body, status, code) => {
    expect(outcome(await kit.call(transferWorkspace, `${path(shared)}/transfer`, as(), { method: 'POST', body: body() }))).toEqual({
      status,
      code,
    });
  });
});

describe('DELETE /v1/workspaces/{workspaceId}', () => {
  it('should let only an owner delete, after which the workspace is 404 for every member', async () => {
    const { 'del-owner': a, 'del-admin': b } = await kit.users('del-owner', 'del-admin');
    const id = await kit.workspace({ owner: [a], admin: [b] });
    expect(outcome(await kit.call(deleteWorkspace, path(id), b, { method: 'DELETE' }))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect((await kit.call(deleteWorkspace, path(id), a, { method: 'DELETE' })).status).toBe(204);
    for (const who of [a, b]) {
      expect(outcome(await kit.call(getWorkspace, path(id), who))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
      expect(outcome(await kit.call(listMembers, `${path(id)}/members`, who))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
      expect((await kit.call(listWorkspaces, '/v1/workspaces', who)).body?.items).toEqual([]);
    }
    expect(outcome(await kit.call(deleteWorkspace, path(id), a, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
    expect(await kit.db.collection('workspaces').findOne({ _id: id as never })).toMatchObject({ deletedAt: expect.any(Date) });
  });
});
