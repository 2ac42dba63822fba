import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import listMembers from '../../../functions/workspaces/list-members.ts';
import removeMember from '../../../functions/workspaces/remove-member.ts';
import updateMember from '../../../functions/workspaces/update-member.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
let owner: TestUser, admin: TestUser, editor: TestUser, viewer: TestUser, stranger: TestUser;
let ws: string;

/** A fresh workspace per test that changes roles, so tests stay independent. */
const team = async () => {
  const { o, a, e, v } = await kit.users('o', 'a', 'e', 'v');
  return { o, a, e, v, id: await kit.workspace({ owner: [o], admin: [a], editor: [e], viewer: [v] }) };
};
const memberPath = (id: string, userId: string) => `/v1/workspaces/${id}/members/${userId}`;
const patch = (id: string, as: TestUser, target: TestUser, role: string) =>
  kit.call(updateMember, memberPath(id, target.id), as, { method: 'PATCH', body: { role } });
const remove = (id: string, as: TestUser, target: TestUser) => kit.call(removeMember, memberPath(id, target.id), as, { method: 'DELETE' });

beforeAll(async () => {
  kit = await startWorkspaceKit('it_workspace_members');
  ({ owner, admin, editor, viewer, stranger } = await kit.users('owner', 'admin', 'editor', 'viewer', 'stranger'));
  ws = await kit.workspace({ owner: [owner], admin: [admin], editor: [editor], viewer: [viewer] });
  await kit.workspace({ owner: [stranger] });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

describe('GET /v1/workspaces/{workspaceId}/members', () => {
  it('should list every member with name, e-mail and role to a viewer', async () => {
    const reply = await kit.call(listMembers, `/v1/workspaces/${ws}/members`, viewer);
    expect(reply.status).toBe(200);
    const items = reply.body?.items as { userId: string; role: string; email: string }[];
    expect(items.map((m) => m.role).sort()).toEqual(['admin', 'editor', 'owner', 'viewer']);
    expect(items.find((m) => m.userId === owner.id)?.email).toBe(owner.email);
  });

  it('should answer 404 to another tenant', async () => {
    expect(outcome(await kit.call(listMembers, `/v1/workspaces/${ws}/members`, stranger))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
  });
});

describe('PATCH /v1/workspaces/{workspaceId}/members/{userId}', () => {
  it('should let an admin change an editor to viewer', async () => {
    const t = await team();
    expect((await patch(t.id, t.a, t.e, 'viewer')).body).toEqual({ userId: t.e.id, role: 'viewer' });
    expect(await kit.roleOf(t.id, t.e.id)).toBe('viewer');
  });

  it('should let an owner make another owner, who may then demote the first', async () => {
    const t = await team();
    expect((await patch(t.id, t.o, t.a, 'owner')).status).toBe(200);
    expect((await patch(t.id, t.a, t.o, 'editor')).status).toBe(200);
    expect([await kit.roleOf(t.id, t.o.id), await kit.roleOf(t.id, t.a.id)]).toEqual(['editor', 'owner']);
  });

  it.each([
    ['an admin demoting an owner', 'a', 'o', 'admin', 403, 'OWNER_ROLE_REQUIRED'],
    ['an admin making an owner', 'a', 'e', 'owner', 403, 'OWNER_ROLE_REQUIRED'],
    ['an editor changing anyone', 'e', 'v', 'editor', 403, 'PERMISSION_DENIED'],
    ['the last owner demoting themselves', 'o', 'o', 'admin', 409, 'LAST_OWNER'],
    ['an unknown role', 'o', 'e', 'superuser', 400, 'VALIDATION_FAILED'],
  ] as const)('should refuse %s', async (_case, as, target, role, status, code) => {
    const t = await team();
    expect(outcome(await patch(t.id, t[as], t[target], role))).toEqual({ status, code });
    expect(await kit.roleOf(t.id, t[target].id)).not.toBe(role);
  });

  it('should answer 404 for a user who is not a member and for another tenant', async () => {
    expect(outcome(await patch(ws, owner, stranger, 'viewer'))).toEqual({ status: 404, code: 'MEMBER_NOT_FOUND' });
    expect(outcome(await patch(ws, stranger, editor, 'viewer'))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
    const unknown = await kit.call(updateMember, memberPath(ws, newId('usr')), owner, { method: 'PATCH', body: { role: 'viewer' } });
    expect(outcome(unknown)).toEqual({ status: 404, code: 'MEMBER_NOT_FOUND' });
  });
});

describe('DELETE /v1/workspaces/{workspaceId}/members/{userId}', () => {
  it('should let a viewer leave and an admin remove an editor', async () => {
    const t = await team();
    expect((await remove(t.id, t.v, t.v)).status).toBe(204);
    expect((await remove(t.id, t.a, t.e)).status).toBe(204);
    expect([await kit.roleOf(t.id, t.v.id), await kit.roleOf(t.id, t.e.id)]).toEqual([null, null]);
    expect(outcome(await kit.call(listMembers, `/v1/workspaces/${t.id}/members`, t.v))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
  });

  it('should let an owner leave when another owner remains, and keep the workspace’s owner on a current owner', async () => {
    const t = await team();
    await patch(t.id, t.o, t.a, 'owner');
    expect((await remove(t.id, t.o, t.o)).status).toBe(204);
    expect(await kit.db.collection('workspaces').findOne({ _id: t.id as never })).toMatchObject({ ownerId: t.a.id });
  });

  it.each([
    ['the last owner leaving', 'o', 'o', 409, 'LAST_OWNER'],
    ['an admin removing an owner', 'a', 'o', 403, 'OWNER_ROLE_REQUIRED'],
    ['a viewer removing someone else', 'v', 'e', 403, 'PERMISSION_DENIED'],
    ['an editor removing an admin', 'e', 'a', 403, 'PERMISSION_DENIED'],
  ] as const)('should refuse %s', async (_case, as, target, status, code) => {
    const t = await team();
    expect(outcome(await remove(t.id, t[as], t[target]))).toEqual({ status, code });
    expect(await kit.roleOf(t.id, t[target].id)).not.toBeNull();
  });

  it('should answer 404 to another tenant and for a non-member', async () => {
    expect(outcome(await remove(ws, stranger, viewer))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
    expect(outcome(await remove(ws, owner, stranger))).toEqual({ status: 404, code: 'MEMBER_NOT_FOUND' });
  });

  it('should keep at least one owner when two owners demote each other at once', async () => {
    const t = await team();
    await patch(t.id, t.o, t.a, 'owner');
    const replies = await Promise.all([patch(t.id, t.o, t.a, 'admin'), patch(t.id, t.a, t.o, 'admin')]);
    const owners = [await kit.roleOf(t.id, t.o.id), await kit.roleOf(t.id, t.a.id)].filter((r) => r === 'owner');
    expect(owners.length).toBeGreaterThanOrEqual(1);
    expect(replies.some((r) => r.status === 200 || r.body?.code === 'LAST_OWNER')).toBe(true);
  });
});
