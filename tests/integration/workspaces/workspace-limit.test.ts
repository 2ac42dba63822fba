import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import register from '../../../functions/identity/register.ts';
import createWorkspace from '../../../functions/workspaces/create.ts';
import deleteWorkspace from '../../../functions/workspaces/delete.ts';
import listWorkspaces from '../../../functions/workspaces/list.ts';
import transferWorkspace from '../../../functions/workspaces/transfer.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

/** The workspace limit under concurrency, and what deleting or transferring a workspace gives back. */
let kit: WorkspaceKit;

beforeAll(async () => {
  kit = await startWorkspaceKit('it_workspaces_limit');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const dayMs = 86_400_000;

/** A new account through the real registration: a personal workspace on the 14-day pro trial (10 workspaces). */
const newAccount = async (): Promise<TestUser> => {
  const email = `limit-${newId('u').slice(2, 12)}@example.com`;
  const nobody = { id: 'usr_nobody', email: 'nobody@example.com', token: 'none' };
  const reply = await kit.call(register, '/v1/auth/register', nobody, {
    method: 'POST',
    body: { email, password: 'A sturdy passphrase for limits', name: 'Limits' },
    headers: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` },
  });
  if (reply.status !== 201) throw new Error(`register answered ${reply.status}: ${reply.text}`);
  const body = reply.body as { user: { id: string }; accessToken: string };
  return { id: body.user.id, email, token: body.accessToken };
};

const create = (as: TestUser, name = 'Team') => kit.call(createWorkspace, '/v1/workspaces', as, { method: 'POST', body: { name } });
const owned = async (as: TestUser) =>
  ((await kit.call(listWorkspaces, '/v1/workspaces', as)).body?.items as { role: string }[]).filter((w) => w.role === 'owner').length;

/** Creates workspaces one at a time until the limit answers; their ids. */
const fillUp = async (as: TestUser): Promise<string[]> => {
  const ids: string[] = [];
  for (let reply = await create(as); reply.status === 201; reply = await create(as)) ids.push(reply.body?.id as string);
  return ids;
};

describe('the workspace limit', () => {
  it('should let a new account on its pro trial end with at most 10 workspaces, its personal one included, when 20 creates race', async () => {
    const me = await newAccount();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => create(me, `Team ${i}`)));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([...Array<number>(9).fill(201), ...Array<number>(11).fill(402)]);
    for (const refused of replies.filter((reply) => reply.status === 402)) {
      expect(refused.body).toMatchObject({ code: 'WORKSPACE_LIMIT_REACHED', limit: 10, plan: 'pro' });
    }
    expect(await owned(me)).toBe(10);
    expect(await kit.db.collection('workspaces').countDocuments({ ownerId: me.id })).toBe(10);
  });

  it('should keep a deleted workspace’s place for 30 days (its restore window), then free it', async () => {
    const me = await newAccount();
    const [first] = await fillUp(me);
    expect((await kit.call(deleteWorkspace, `/v1/workspaces/${first}`, me, { method: 'DELETE' })).status).toBe(204);
    expect(outcome(await create(me))).toEqual({ status: 402, code: 'WORKSPACE_LIMIT_REACHED' });
    await kit.db
      .collection('workspaces')
      .updateOne({ _id: first as never }, { $set: { deletedAt: new Date(Date.now() - 30 * dayMs - 1000) } });
    expect((await create(me)).status).toBe(201);
    expect(outcome(await create(me))).toEqual({ status: 402, code: 'WORKSPACE_LIMIT_REACHED' });
  });

  it('should free a place at once when a workspace is transferred to another member', async () => {
    const me = await newAccount();
    const other = await kit.user('receiver');
    const [first] = await fillUp(me);
    await kit.db.collection(membershipCollection.name).insertOne({
      _id: membershipId(first!, other.id) as never,
      schemaVersion: 1,
      workspaceId: first,
      userId: other.id,
      role: 'admin',
      joinedAt: new Date(),
    });
    const moved = await kit.call(transferWorkspace, `/v1/workspaces/${first}/transfer`, me, { method: 'POST', body: { userId: other.id } });
    expect(moved.status).toBe(200);
    expect((await create(me)).status).toBe(201);
    expect(outcome(await create(me))).toEqual({ status: 402, code: 'WORKSPACE_LIMIT_REACHED' });
  });

  it('should count workspaces the account owns without a place of their own (older ones, transferred to it)', async () => {
    const me = await kit.user('older');
    await kit.workspace({ owner: [me] }, { personal: true, plan: 'pro', trialEndsAt: new Date(Date.now() + dayMs) });
    for (let i = 0; i < 8; i++) await kit.workspace({ owner: [me] }, { plan: 'free' });
    expect((await create(me)).status).toBe(201);
    expect(await create(me)).toMatchObject({ status: 402, body: { code: 'WORKSPACE_LIMIT_REACHED', limit: 10, current: 10 } });
  });
});
