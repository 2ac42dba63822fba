import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import listLedger from '../../../functions/billing/list-ledger.ts';
import { ledgerCursor } from '../../../functions/billing/lib/ledger-cursor.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type Reply, type TestUser } from '../../support/workspace-kit.ts';
import { startLedgerEndpointsKit, type LedgerEndpointsKit } from '../../support/ledger-endpoints-kit.ts';

let kit: LedgerEndpointsKit;

beforeAll(async () => {
  kit = await startLedgerEndpointsKit('it_billing_endpoints_ledger_list');
}, servicesHookTimeoutMs);
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});
afterAll(async () => kit.close());

interface Entry {
  seq: number;
  type: string;
  amount: number;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

const list = (workspaceId: string, as: TestUser, query = '') =>
  kit.call(listLedger, `/v1/workspaces/${workspaceId}/credits/ledger${query}`, as);
const pageOf = (reply: Reply) => reply.body as unknown as Page;

describe('GET /v1/workspaces/{workspaceId}/credits/ledger', () => {
  it('should list the entries newest first with the balances after each, the operation, reservation and actor', async () => {
    const { workspaceId, owner } = await kit.team(20);
    const commit = await kit.spend(workspaceId, '2021-03-01T10:00:00Z', 'ai.plan', owner.id, 'k1');
    const reply = await list(workspaceId, owner);
    expect(reply.status).toBe(200);
    expect(pageOf(reply)).toEqual({
      nextCursor: null,
      items: [
        {
          seq: 3,
          type: 'commit',
          amount: 0,
          balancesAfter: { plan: 17, packs: [], total: 17 },
          operation: 'ai.plan',
          reservationId: commit.reservationId,
          actor: owner.id,
          at: '2021-03-01T10:00:00.000Z',
          note: null,
        },
        expect.objectContaining({ seq: 2, type: 'reserve', amount: -3, reservationId: commit.reservationId, operation: 'ai.plan' }),
        expect.objectContaining({ seq: 1, type: 'grant', amount: 20, actor: 'stripe:evt', note: 'p1', operation: null }),
      ],
    });
  });

  it('should show pack balances with their expiry when the workspace bought a pack', async () => {
    const { workspaceId, admin } = await kit.team(0);
    await kit
      .ledgerAt(new Date('2021-01-01T00:00:00Z'))
      .grantPack(
        workspaceId,
        { packId: 'pack_1', credits: 500, expiresAt: new Date('2022-01-01T00:00:00Z') },
        'checkout:1',
        'stripe:evt_1',
      );
    expect(pageOf(await list(workspaceId, admin)).items[0]).toMatchObject({
      type: 'grant',
      amount: 500,
      balancesAfter: { plan: 0, total: 500, packs: [{ packId: 'pack_1', remaining: 500, expiresAt: '2022-01-01T00:00:00.000Z' }] },
    });
  });

  it('should walk every entry once, newest first, when following nextCursor pages', async () => {
    const { workspaceId, owner } = await kit.team(50);
    for (let i = 0; i < 3; i += 1) await kit.spend(workspaceId, `2021-04-0${i + 1}T10:00:00Z`, 'ai.chat', owner.id, `walk${i}`);
    const seen: number[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = pageOf(await list(workspaceId, owner, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((item) => item.seq));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('should list only the workspace’s own entries when another workspace has some', async () => {
    const { workspaceId, owner } = await kit.team(5);
    const other = await kit.team(7);
    expect(pageOf(await list(workspaceId, owner)).items).toEqual([expect.objectContaining({ seq: 1, amount: 5 })]);
    expect(pageOf(await list(other.workspaceId, other.owner)).items).toEqual([expect.objectContaining({ seq: 1, amount: 7 })]);
  });

  it('should answer an empty page when the workspace has no ledger yet', async () => {
    const { workspaceId, owner } = await kit.team(0);
    expect(pageOf(await list(workspaceId, owner))).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['a number that is not ours', Buffer.from('7').toString('base64url')],
    ['seq 0', Buffer.from('{"seq":0}').toString('base64url')],
    ['a fraction', Buffer.from('{"seq":1.5}').toString('base64url')],
    ['a negative', Buffer.from('{"seq":-3}').toString('base64url')],
    ['a seq past the safe integers', Buffer.from('{"seq":9007199254740993}').toString('base64url')],
  ])('should answer 400 INVALID_CURSOR when the cursor is %s', async (_label, cursor) => {
    const { workspaceId, owner } = await kit.team(0);
    expect(outcome(await list(workspaceId, owner, `?cursor=${cursor}`))).toEqual({ status: 400, code: 'INVALID_CURSOR' });
  });

  it.each(['0', '101', 'ten'])('should answer 400 when the limit is %s', async (limit) => {
    const { workspaceId, owner } = await kit.team(0);
    expect((await list(workspaceId, owner, `?limit=${limit}`)).status).toBe(400);
  });

  it('should accept a cursor it gave out past the first entry and answer an empty page', async () => {
    const { workspaceId, owner } = await kit.team(5);
    expect(pageOf(await list(workspaceId, owner, `?cursor=${ledgerCursor.encode({ seq: 1 })}`))).toEqual({ items: [], nextCursor: null });
  });

  it('should let owners and admins read and refuse editors and viewers (403) and strangers (404)', async () => {
    const { workspaceId, owner, admin, editor, viewer } = await kit.team(5);
    const stranger = await kit.user('stranger');
    const statuses = await Promise.all([owner, admin, editor, viewer, stranger].map(async (as) => (await list(workspaceId, as)).status));
    expect(statuses).toEqual([200, 200, 403, 403, 404]);
  });
});
