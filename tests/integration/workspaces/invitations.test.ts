import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acceptInvitation from '../../../functions/workspaces/accept-invitation.ts';
import createInvitation from '../../../functions/workspaces/create-invitation.ts';
import listInvitations from '../../../functions/workspaces/list-invitations.ts';
import revokeInvitation from '../../../functions/workspaces/revoke-invitation.ts';
import { readMail } from '../../../scripts/services/index.ts';
import { newId } from '../../../shared/kernel/index.ts';
import type { Plan } from '../../../shared/workspaces/index.ts';
import { emailIndexIn } from '../../support/blind-index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
let owner: TestUser, admin: TestUser, editor: TestUser, stranger: TestUser;

beforeAll(async () => {
  kit = await startWorkspaceKit('it_workspace_invitations');
  ({ owner, admin, editor, stranger } = await kit.users('owner', 'admin', 'editor', 'stranger'));
  await kit.workspace({ owner: [stranger] });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const invitationsPath = (id: string) => `/v1/workspaces/${id}/invitations`;
const team = (plan: Plan = 'pro') => kit.workspace({ owner: [owner], admin: [admin], editor: [editor] }, { plan });
const invite = (id: string, as: TestUser, email: string, role = 'editor') =>
  kit.call(createInvitation, invitationsPath(id), as, { method: 'POST', body: { email, role } });
const accept = (token: string, as: TestUser) => kit.call(acceptInvitation, `/v1/invitations/${token}/accept`, as, { method: 'POST' });

/** The token from the last invitation mailed to `email` (the link is the only place it exists). */
const tokenFor = async (email: string) => {
  const mails = await readMail(kit.mailDir, { to: email });
  const text = mails.at(-1)?.message.text ?? '';
  const link = /https:\/\/app\.uxflow\.test\/invitations\/accept\?token=(\S+)/.exec(text)?.[1];
  if (!link) throw new Error(`no invitation mail for ${email}`);
  return decodeURIComponent(link);
};

describe('POST /v1/workspaces/{workspaceId}/invitations', () => {
  it('should mail a single-use link and store only the token’s hash', async () => {
    const id = await team();
    const guest = await kit.user('guest');
    const reply = await invite(id, admin, guest.email.toUpperCase(), 'viewer');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ email: guest.email, role: 'viewer', status: 'pending', invitedBy: admin.id });
    const token = await tokenFor(guest.email);
    expect(token).toMatch(/^wsi_/);
    const raw = await kit.db.collection('workspace_invitations').findOne({ _id: reply.body?.id as never });
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(token);
    // The address sealed under the invitation's own key, found by its blind index.
    expect(stored).not.toContain(guest.email);
    expect(raw).toMatchObject({ email: { sealed: 'A256GCM' }, emailIndex: emailIndexIn(kit.env)(guest.email) });
    const listed = await kit.call(listInvitations, invitationsPath(id), owner);
    expect((listed.body?.items as { id: string }[]).map((i) => i.id)).toEqual([reply.body?.id]);
  });

  it.each([
    ['an admin inviting an owner', () => admin, 'owner', 403, 'OWNER_ROLE_REQUIRED'],
    ['an editor', () => editor, 'viewer', 403, 'PERMISSION_DENIED'],
    ['another tenant', () => stranger, 'viewer', 404, 'WORKSPACE_NOT_FOUND'],
    ['an unknown role', () => owner, 'boss', 400, 'VALIDATION_FAILED'],
  ])('should refuse an invitation by %s', async (_case, as, role, status, code) => {
    expect(outcome(await invite(await team(), as(), 'someone@example.com', role))).toEqual({ status, code });
  });

  it('should refuse a malformed e-mail, a member’s e-mail and a second pending invitation', async () => {
    const id = await team();
    expect(outcome(await invite(id, owner, 'not-an-email'))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(outcome(await invite(id, owner, editor.email))).toEqual({ status: 409, code: 'ALREADY_MEMBER' });
    expect((await invite(id, owner, 'twice@example.com')).status).toBe(201);
    expect(outcome(await invite(id, owner, 'twice@example.com'))).toEqual({ status: 409, code: 'INVITATION_PENDING' });
  });

  it('should answer 402 SEAT_LIMIT_REACHED when members and pending invitations fill the plan', async () => {
    const free = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const refused = await invite(free, owner, 'seat@example.com');
    expect(outcome(refused)).toEqual({ status: 402, code: 'SEAT_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({
      limit: 1,
      current: 1,
      plan: 'free',
      upgradeUrl: `https://app.uxflow.test/workspaces/${free}/billing/upgrade`,
    });
    const basic = await team('basic'); // 3 members: full
    expect(outcome(await invite(basic, owner, 'seat@example.com'))).toMatchObject({ status: 402 });
  });

  it('should count a pending invitation as a seat until it is withdrawn', async () => {
    const basic = await kit.workspace({ owner: [owner], admin: [admin] }, { plan: 'basic' });
    const first = await invite(basic, owner, 'one@example.com');
    expect(outcome(await invite(basic, owner, 'two@example.com'))).toMatchObject({ status: 402, code: 'SEAT_LIMIT_REACHED' });
    expect(
      (await kit.call(revokeInvitation, `${invitationsPath(basic)}/${String(first.body?.id)}`, admin, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await invite(basic, owner, 'two@example.com')).status).toBe(201);
  });
});

describe('GET and DELETE /v1/workspaces/{workspaceId}/invitations', () => {
  it('should refuse listing to an editor and another tenant', async () => {
    const id = await team();
    expect(outcome(await kit.call(listInvitations, invitationsPath(id), editor))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect(outcome(await kit.call(listInvitations, invitationsPath(id), stranger))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
  });

  it('should make a withdrawn invitation’s link useless', async () => {
    const id = await team();
    const guest = await kit.user('withdrawn');
    const created = await invite(id, owner, guest.email);
    const path = `${invitationsPath(id)}/${String(created.body?.id)}`;
    expect(outcome(await kit.call(revokeInvitation, path, stranger, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
    expect((await kit.call(revokeInvitation, path, owner, { method: 'DELETE' })).status).toBe(204);
    expect(outcome(await kit.call(revokeInvitation, path, owner, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'INVITATION_NOT_FOUND',
    });
    expect(outcome(await accept(await tokenFor(guest.email), guest))).toEqual({ status: 404, code: 'INVITATION_NOT_FOUND' });
    // The key its address was sealed under is destroyed with it (backups included).
    expect(await kit.db.collection('user_data_keys').findOne({ _id: String(created.body?.id) as never })).toMatchObject({ wrapped: null });
  });

  it('should answer 404 INVITATION_NOT_FOUND for an invitation of another workspace', async () => {
    const [mine, theirs] = [await team(), await kit.workspace({ owner: [stranger] })];
    const created = await invite(mine, owner, 'other@example.com');
    const reply = await kit.call(revokeInvitation, `${invitationsPath(theirs)}/${String(created.body?.id)}`, stranger, {
      method: 'DELETE',
    });
    expect(outcome(reply)).toEqual({ status: 404, code: 'INVITATION_NOT_FOUND' });
    expect(outcome(await kit.call(revokeInvitation, `${invitationsPath(mine)}/${newId('inv')}`, owner, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'INVITATION_NOT_FOUND',
    });
  });
});

describe('POST /v1/invitations/{token}/accept', () => {
  it('should make the invitee a member with the invited role, once', async () => {
    const id = await team();
    const guest = await kit.user('joiner');
    await invite(id, owner, guest.email, 'admin');
    const token = await tokenFor(guest.email);
    const joined = await accept(token, guest);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ id, role: 'admin' });
    expect(await kit.roleOf(id, guest.id)).toBe('admin');
    expect(outcome(await accept(token, guest))).toEqual({ status: 404, code: 'INVITATION_ALREADY_USED' });
    expect((await kit.call(listInvitations, invitationsPath(id), owner)).body?.items).toEqual([]);
  });

  it('should let exactly one of 10 concurrent accepts make a membership', async () => {
    const id = await team();
    const guest = await kit.user('racer');
    await invite(id, owner, guest.email);
    const token = await tokenFor(guest.email);
    const replies = await Promise.all(Array.from({ length: 10 }, () => accept(token, guest)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200).map(outcome)).toEqual(Array(9).fill({ status: 404, code: 'INVITATION_ALREADY_USED' }));
    expect(await kit.db.collection('workspace_members').countDocuments({ workspaceId: id, userId: guest.id })).toBe(1);
  });

  it('should refuse an account whose e-mail is not the invited one', async () => {
    const id = await team();
    const guest = await kit.user('intended');
    await invite(id, owner, guest.email);
    expect(outcome(await accept(await tokenFor(guest.email), stranger))).toEqual({ status: 403, code: 'INVITATION_EMAIL_MISMATCH' });
    expect(await kit.roleOf(id, stranger.id)).toBeNull();
  });

  it('should refuse an expired invitation', async () => {
    const id = await team();
    const guest = await kit.user('late');
    const created = await invite(id, owner, guest.email);
    await kit.db
      .collection('workspace_invitations')
      .updateOne({ _id: created.body?.id as never }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(outcome(await accept(await tokenFor(guest.email), guest))).toEqual({ status: 404, code: 'INVITATION_EXPIRED' });
    const listed = await kit.call(listInvitations, invitationsPath(id), owner);
    expect((listed.body?.items as { status: string }[]).map((i) => i.status)).toEqual(['expired']);
  });

  it('should answer 402 when the plan shrank below the members since the invitation', async () => {
    const id = await kit.workspace({ owner: [owner] }, { plan: 'basic' });
    const guest = await kit.user('shrunk');
    await invite(id, owner, guest.email);
    await kit.db.collection('workspaces').updateOne({ _id: id as never }, { $set: { plan: 'free' } });
    expect(outcome(await accept(await tokenFor(guest.email), guest))).toEqual({ status: 402, code: 'SEAT_LIMIT_REACHED' });
  });

  it('should refuse an invitation to a deleted workspace, an unknown token and a malformed one', async () => {
    const id = await team();
    const guest = await kit.user('orphan');
    await invite(id, owner, guest.email);
    await kit.db.collection('workspaces').updateOne({ _id: id as never }, { $set: { deletedAt: new Date() } });
    expect(outcome(await accept(await tokenFor(guest.email), guest))).toEqual({ status: 404, code: 'INVITATION_NOT_FOUND' });
    expect(outcome(await accept(`wsi_${'A'.repeat(43)}`, guest))).toEqual({ status: 404, code: 'INVITATION_NOT_FOUND' });
    expect(outcome(await accept('nope', guest))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('should answer 409 ALREADY_MEMBER when the invitee joined another way', async () => {
    const id = await team();
    const guest = await kit.user('twice');
    await invite(id, owner, guest.email);
    await kit.db.collection('workspace_members').insertOne({
      _id: `${id}:${guest.id}` as never,
      schemaVersion: 1,
      workspaceId: id,
      userId: guest.id,
      role: 'viewer',
      joinedAt: new Date(),
    });
    expect(outcome(await accept(await tokenFor(guest.email), guest))).toEqual({ status: 409, code: 'ALREADY_MEMBER' });
  });
});
