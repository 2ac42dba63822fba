import { describe, expect, it } from 'vitest';
import { problemOf, upgradeUrl, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

let kit: LedgerKit;
const day = 24 * 60 * 60_000;
const inDays = (days: number) => new Date(Date.now() + days * day);

useLedgerKit('billing_ledger', (started) => (kit = started));

describe('reserve, commit and release', () => {
  it('should hold the cost at reserve and keep the balances at commit when the work succeeds', async () => {
    const workspaceId = await kit.workspace(100);
    const reservation = await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.plan'));
    expect(reservation).toMatchObject({ workspaceId, operation: 'ai.plan', cost: 3, allocation: { plan: 3, packs: [] }, seq: 2 });
    const committed = await kit.ledger.commit(workspaceId, reservation.reservationId, 'usr_test');
    expect(committed).toMatchObject({ type: 'commit', amount: 0, seq: 3, reservationId: reservation.reservationId });
    expect(await kit.ledger.balance(workspaceId)).toMatchObject({ balances: { plan: 97, total: 97 }, spendable: 97, seq: 3 });
  });

  it('should double the cost when the multiplier of pro-quality AI is 2', async () => {
    const workspaceId = await kit.workspace(100);
    const reservation = await kit.ledger.reserve({ ...kit.request(workspaceId, 'req-pro', 'ai.generate'), multiplier: 2, plan: 'pro' });
    expect(reservation.cost).toBe(20);
  });

  it('should give the credits back to the same buckets when a reservation is released', async () => {
    const workspaceId = await kit.workspace(2);
    await kit.ledger.grantPack(workspaceId, { packId: 'pack_old', credits: 3, expiresAt: inDays(30) }, 'checkout:1', 'stripe:evt_1');
    await kit.ledger.grantPack(workspaceId, { packId: 'pack_new', credits: 10, expiresAt: inDays(300) }, 'checkout:2', 'stripe:evt_2');
    const before = (await kit.ledger.balance(workspaceId)).balances;
    const reservation = await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.image'));
    // Plan first, then the older pack; the newer one is not needed.
    expect(reservation.allocation).toEqual({ plan: 2, packs: [{ packId: 'pack_old', amount: 3 }] });
    const released = await kit.ledger.release(workspaceId, reservation.reservationId, 'usr_test');
    expect(released).toMatchObject({ type: 'release', amount: 5, allocation: reservation.allocation });
    expect((await kit.ledger.balance(workspaceId)).balances).toEqual(before);
  });

  it('should spend plan credits before packs and the older pack before the newer when both are needed', async () => {
    const workspaceId = await kit.workspace(1);
    await kit.ledger.grantPack(workspaceId, { packId: 'pack_new', credits: 10, expiresAt: inDays(300) }, 'checkout:n', 'stripe:evt_n');
    await kit.ledger.grantPack(workspaceId, { packId: 'pack_old', credits: 2, expiresAt: inDays(10) }, 'checkout:o', 'stripe:evt_o');
    const reservation = await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.image'));
    expect(reservation.allocation).toEqual({
      plan: 1,
      packs: [
        { packId: 'pack_old', amount: 2 },
        { packId: 'pack_new', amount: 2 },
      ],
    });
    expect((await kit.ledger.balance(workspaceId)).balances).toMatchObject({
      plan: 0,
      total: 8,
      packs: [
        { packId: 'pack_new', remaining: 8 },
        { packId: 'pack_old', remaining: 0 },
      ],
    });
  });

  it('should answer 402 INSUFFICIENT_CREDITS with plan, balance, cost and upgrade link when the credits do not cover the cost', async () => {
    const workspaceId = await kit.workspace(9);
    const problem = await problemOf(kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.generate')));
    expect(problem).toMatchObject({
      status: 402,
      code: 'INSUFFICIENT_CREDITS',
      limit: 'credits',
      plan: 'free',
      balance: 9,
      cost: 10,
      operation: 'ai.generate',
      upgradeUrl,
    });
    expect(await kit.entriesOf(workspaceId)).toHaveLength(1);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(0);
  });

  it('should return the first reservation and write one entry when the idempotency key repeats', async () => {
    const workspaceId = await kit.workspace(10);
    const first = await kit.ledger.reserve(kit.request(workspaceId, 'req-same', 'ai.image'));
    const again = await kit.ledger.reserve(kit.request(workspaceId, 'req-same', 'ai.image'));
    // Even when the credits left no longer cover it.
    await kit.ledger.reserve(kit.request(workspaceId, 'req-other', 'ai.image'));
    const third = await kit.ledger.reserve(kit.request(workspaceId, 'req-same', 'ai.image'));
    expect(again).toEqual({ ...first, replayed: true });
    expect(third).toEqual({ ...first, replayed: true });
    expect((await kit.entriesOf(workspaceId)).filter((entry) => entry.type === 'reserve')).toHaveLength(2);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(2);
  });

  it.each([
    ['an empty idempotency key', { idempotencyKey: '' }, 'INVALID_CREDIT_REQUEST'],
    ['a multiplier of 0', { multiplier: 0 }, 'INVALID_CREDIT_AMOUNT'],
    ['a fractional multiplier', { multiplier: 1.5 }, 'INVALID_CREDIT_AMOUNT'],
  ])('should answer 400 and write nothing when the request has %s', async (_, change, code) => {
    const workspaceId = await kit.workspace(10);
    const problem = await problemOf(kit.ledger.reserve({ ...kit.request(workspaceId, 'req-1'), ...change }));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 400, code });
    expect(await kit.entriesOf(workspaceId)).toHaveLength(1);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(0);
  });

  it('should write one settle entry and return the first commit when a reservation is committed twice', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await kit.ledger.reserve(kit.request(workspaceId, 'req-1'));
    const [one, two] = await Promise.all([
      kit.ledger.commit(workspaceId, reservationId, 'usr_test'),
      kit.ledger.commit(workspaceId, reservationId, 'usr_test'),
    ]);
    const three = await kit.ledger.commit(workspaceId, reservationId, 'usr_test');
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect((await kit.entriesOf(workspaceId)).map((entry) => entry.type)).toEqual(['grant', 'reserve', 'commit']);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ _id: reservationId as never })).toBe(0);
  });

  it('should answer 409 RESERVATION_RELEASED when a commit comes after a release', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await kit.ledger.reserve(kit.request(workspaceId, 'req-1'));
    await kit.ledger.release(workspaceId, reservationId, 'usr_test');
    expect(await problemOf(kit.ledger.commit(workspaceId, reservationId, 'usr_test'))).toMatchObject({
      status: 409,
      code: 'RESERVATION_RELEASED',
    });
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(10);
  });

  it('should change nothing and return the commit when a release comes after a commit', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await kit.ledger.reserve(kit.request(workspaceId, 'req-1'));
    const committed = await kit.ledger.commit(workspaceId, reservationId, 'usr_test');
    expect(await kit.ledger.release(workspaceId, reservationId, 'usr_test')).toEqual(committed);
    expect(await kit.ledger.balance(workspaceId)).toMatchObject({ balances: { total: 9 }, seq: 3 });
  });

  it("should answer 404 RESERVATION_NOT_FOUND when the reservation is another workspace's", async () => {
    const workspaceId = await kit.workspace(10);
    const other = await kit.workspace(10);
    const { reservationId } = await kit.ledger.reserve(kit.request(workspaceId, 'req-1'));
    expect(await problemOf(kit.ledger.commit(other, reservationId, 'usr_test'))).toMatchObject({
      status: 404,
      code: 'RESERVATION_NOT_FOUND',
    });
  });
});

describe('grants and adjustments', () => {
  it('should replace the plan credits (no rollover) and apply a repeated grant once when a period starts', async () => {
    const workspaceId = await kit.workspace(100);
    await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.generate'));
    const grant = await kit.ledger.grantPlanCredits(workspaceId, 1000, 'invoice:in_2', 'stripe:evt_2', 'period 2');
    expect(grant).toMatchObject({ type: 'grant', amount: 910, balances: { plan: 1000, total: 1000 } });
    expect(await kit.ledger.grantPlanCredits(workspaceId, 1000, 'invoice:in_2', 'stripe:evt_2b', 'period 2')).toEqual(grant);
    expect(await kit.entriesOf(workspaceId)).toHaveLength(3);
  });

  it('should grant a pack once when it comes twice under different keys', async () => {
    const workspaceId = await kit.workspace();
    const pack = { packId: 'pack_1', credits: 500, expiresAt: inDays(365) };
    expect(await kit.ledger.grantPack(workspaceId, pack, 'checkout:a', 'stripe:evt_a')).toMatchObject({ amount: 500 });
    expect(await kit.ledger.grantPack(workspaceId, pack, 'checkout:b', 'stripe:evt_b')).toBeNull();
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(500);
  });

  it('should adjust the plan credits and refuse to take them below zero when support corrects a balance', async () => {
    const workspaceId = await kit.workspace(5);
    expect(await kit.ledger.adjust(workspaceId, 10, 'support:1', 'usr_support', 'goodwill')).toMatchObject({ amount: 10, type: 'adjust' });
    expect(await kit.ledger.adjust(workspaceId, -15, 'support:2', 'usr_support', 'correction')).toMatchObject({ amount: -15 });
    expect(await problemOf(kit.ledger.adjust(workspaceId, -1, 'support:3', 'usr_support', 'too much'))).toMatchObject({
      status: 400,
      code: 'INVALID_CREDIT_AMOUNT',
    });
  });

  it('should list entries newest first, page by page, when the history is read', async () => {
    const workspaceId = await kit.workspace(10);
    for (const key of ['a', 'b', 'c']) await kit.ledger.reserve(kit.request(workspaceId, key));
    const page1 = await kit.ledger.history(workspaceId, { before: null, limit: 2 });
    const page2 = await kit.ledger.history(workspaceId, { before: page1.at(-1)!.seq, limit: 2 });
    expect([...page1, ...page2].map((entry) => entry.seq)).toEqual([4, 3, 2, 1]);
  });
});
