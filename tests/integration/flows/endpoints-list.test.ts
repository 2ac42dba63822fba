import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteFlow from '../../../functions/flows/delete.ts';
import listFlows from '../../../functions/flows/list.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_list');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

interface Summary {
  id: string;
  name: string;
  updatedAt: string;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}

const list = (workspaceId: string, as: TestUser, query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString();
  return kit.call(listFlows, `/v1/workspaces/${workspaceId}/flows${search ? `?${search}` : ''}`, as);
};
const idsOf = (reply: Awaited<ReturnType<typeof list>>) => (reply.body as unknown as Page).items.map((item) => item.id);

/** Flows created one after the other, in that order. */
const flowsNamed = async (workspaceId: string, as: TestUser, names: string[]) => {
  const ids: string[] = [];
  for (const name of names) ids.push(await kit.newFlow(workspaceId, as, { name }));
  return ids;
};

describe('GET /v1/workspaces/{workspaceId}/flows', () => {
  it('should list only the workspace’s flows that are not deleted, the last changed first', async () => {
    const { workspaceId, owner, viewer } = await kit.team();
    const [first, second, third] = await flowsNamed(workspaceId, owner, ['First', 'Second', 'Third']);
    await kit.newFlow(await kit.workspace({ owner: [owner] }), owner, { name: 'Elsewhere' });
    expect((await kit.apply(first ?? '', owner, [addScreen('more')], etag(1))).status).toBe(200);
    expect((await kit.call(deleteFlow, `/v1/flows/${second}`, owner, { method: 'DELETE' })).status).toBe(204);

    const reply = await list(workspaceId, viewer);
    expect(reply.status).toBe(200);
    expect(idsOf(reply)).toEqual([first, third]);
    expect(reply.body).toMatchObject({ nextCursor: null, items: [{ name: 'First', nodeCount: 3, version: 2 }, { name: 'Third' }] });
  });

  it('should match names case-insensitively and take regex metacharacters literally when searching', async () => {
    const { workspaceId, owner } = await kit.team();
    const [plain, starred] = await flowsNamed(workspaceId, owner, ['Checkout', 'Quick checkout.*', 'Login', 'Check (out)']);
    expect(idsOf(await list(workspaceId, owner, { search: 'CHECKOUT' })).sort()).toEqual([plain, starred].sort());
    expect(idsOf(await list(workspaceId, owner, { search: '.*' }))).toEqual([starred]);
    expect(idsOf(await list(workspaceId, owner, { search: 'k (o' }))).toHaveLength(1);
    expect(idsOf(await list(workspaceId, owner, { search: '(' }))).toHaveLength(1);
    expect(idsOf(await list(workspaceId, owner, { search: 'C.eck' }))).toEqual([]);
  });

  it('should return only the flows carrying the tag when a tag is named', async () => {
    const { workspaceId, owner } = await kit.team();
    const [tagged] = await flowsNamed(workspaceId, owner, ['Billing', 'Other']);
    const tagging = await kit.apply(tagged ?? '', owner, [{ type: 'UPDATE_METADATA', changes: { tags: ['billing', 'v2'] } }], etag(1));
    expect(tagging.status).toBe(200);
    expect(idsOf(await list(workspaceId, owner, { tag: 'billing' }))).toEqual([tagged]);
    expect(idsOf(await list(workspaceId, owner, { tag: 'bill' }))).toEqual([]);
    expect((await list(workspaceId, owner, { tag: 'v2' })).body).toMatchObject({ items: [{ tags: ['billing', 'v2'] }] });
  });

  it('should walk every flow once, newest change first, when following nextCursor pages', async () => {
    const { workspaceId, owner } = await kit.team();
    const created = await flowsNamed(workspaceId, owner, ['a', 'b', 'c', 'd', 'e']);
    const seen: Summary[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const reply: Awaited<ReturnType<typeof list>> = await list(workspaceId, owner, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(reply.status).toBe(200);
      const page = reply.body as unknown as Page;
      seen.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null && sizes.length < 10);

    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.map((item) => item.id)).toEqual([...created].reverse());
    const times = seen.map((item) => Date.parse(item.updatedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('should end on a full last page without a dangling cursor when the count is a multiple of the limit', async () => {
    const { workspaceId, owner } = await kit.team();
    await flowsNamed(workspaceId, owner, ['a', 'b']);
    const first = await list(workspaceId, owner, { limit: '1' });
    const second = await list(workspaceId, owner, { limit: '1', cursor: (first.body as unknown as Page).nextCursor ?? '' });
    expect((second.body as unknown as Page).items).toHaveLength(1);
    expect((second.body as unknown as Page).nextCursor).toBeNull();
  });

  it.each([
    ['a cursor this API never gave out', { cursor: 'not-a-cursor' }, 'INVALID_CURSOR'],
    ['a cursor naming something else than a flow', { cursor: Buffer.from('[1,"usr_x"]').toString('base64url') }, 'INVALID_CURSOR'],
    ['a limit of 101', { limit: '101' }, 'VALIDATION_FAILED'],
    ['a limit of 0', { limit: '0' }, 'VALIDATION_FAILED'],
  ])('should answer 400 when the query has %s', async (_case, query, code) => {
    const { workspaceId, owner } = await kit.team();
    expect(outcome(await list(workspaceId, owner, query))).toEqual({ status: 400, code });
  });

  it('should answer 404 WORKSPACE_NOT_FOUND when the caller is not a member', async () => {
    const { workspaceId, owner, stranger } = await kit.team();
    await kit.newFlow(workspaceId, owner);
    expect(outcome(await list(workspaceId, stranger))).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
  });
});
