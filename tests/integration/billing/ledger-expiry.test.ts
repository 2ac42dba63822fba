import { beforeEach, describe, expect, it } from 'vitest';
import { reservationTtlMs, type Ledger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { manualClock, problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

const day = 24 * 60 * 60_000;
let kit: LedgerKit;
// The cron sees only what this clock made due: it starts years before the real one.
let clock: ReturnType<typeof manualClock>;
let ledger: Ledger;

useLedgerKit('billing_expiry', (started) => (kit = started));
beforeEach(() => {
  clock = manualClock(new Date('2020-01-01T00:00:00Z'));
  ledger = kit.ledgerOf(undefined, clock);
});

const intents = () => kit.db.collection('credit_reservation_intents');
const inDays = (days: number) => new Date(clock.now().getTime() + days * day);

describe('reservations a crash left unsettled', () => {
  it('should release a reservation never settled when the cron runs after its expiry', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await ledger.reserve(kit.request(workspaceId, 'crashed', 'ai.image'));
    // The function died here: no commit, no release.
    clock.advance(reservationTtlMs - 1000);
    expect(await ledger.releaseExpired(clock.now(), 100)).toEqual({ released: 0, cleaned: 0, failures: [] });
    clock.advance(2000);
    expect(await ledger.releaseExpired(clock.now(), 100)).toEqual({ released: 1, cleaned: 0, failures: [] });
    expect(await ledger.balance(workspaceId)).toMatchObject({ balances: { total: 10 }, seq: 3 });
    const [, , release] = await kit.entriesOf(workspaceId);
    expect(release).toMatchObject({ type: 'release', actor: 'cron:release-expired-reservations', amount: 5 });
    expect(await intents().countDocuments({ workspaceId })).toBe(0);
    expect(await problemOf(ledger.commit(workspaceId, reservationId, 'usr_test'))).toMatchObject({
      status: 409,
      code: 'RESERVATION_RELEASED',
    });
  });

  it('should drop the intent and release nothing when a reserve crashed before writing its entry', async () => {
    const workspaceId = await kit.workspace(10);
    const { intents: store } = kit.instance().use(ledgerPorts);
    await store.insert({ reservationId: newId('rsv'), workspaceId, expiresAt: inDays(-1) });
    expect(await ledger.releaseExpired(clock.now(), 100)).toEqual({ released: 0, cleaned: 1, failures: [] });
    expect(await intents().countDocuments({ workspaceId })).toBe(0);
    expect(await kit.entriesOf(workspaceId)).toHaveLength(1);
  });

  it('should settle exactly once when a late commit races the cron', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await ledger.reserve(kit.request(workspaceId, 'slow'));
    clock.advance(reservationTtlMs + 1);
    const [committed, swept] = await Promise.all([
      problemOf(ledger.commit(workspaceId, reservationId, 'usr_test')),
      ledger.releaseExpired(clock.now(), 100),
    ]);
    const settles = (await kit.entriesOf(workspaceId)).filter((entry) => entry.type === 'commit' || entry.type === 'release');
    expect(settles).toHaveLength(1);
    if (settles[0]?.type === 'commit') expect({ committed, released: swept.released }).toEqual({ committed: null, released: 0 });
    else expect({ code: committed?.code, released: swept.released }).toEqual({ code: 'RESERVATION_RELEASED', released: 1 });
  });
});

describe('pack expiry and refunds', () => {
  it('should stop spending an expired pack at once and remove its credits when the expiry cron runs', async () => {
    const workspaceId = await kit.workspace();
    await ledger.grantPack(workspaceId, { packId: 'pack_a', credits: 500, expiresAt: inDays(365) }, 'checkout:a', 'stripe:evt_a');
    await ledger.grantPack(workspaceId, { packId: 'pack_b', credits: 500, expiresAt: inDays(400) }, 'checkout:b', 'stripe:evt_b');
    await ledger.reserve(kit.request(workspaceId, 'r1', 'ai.generate'));
    clock.advance(366 * day);
    expect(await ledger.balance(workspaceId)).toMatchObject({ balances: { total: 990 }, spendable: 500 });
    const expired = await ledger.expirePacks(workspaceId, clock.now(), 'cron:expire-packs');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ type: 'expire', amount: -490, idempotencyKey: 'expire:pack_a' });
    expect(await ledger.expirePacks(workspaceId, clock.now(), 'cron:expire-packs')).toEqual([]);
    expect((await ledger.balance(workspaceId)).balances).toMatchObject({ total: 500, packs: [{ packId: 'pack_b', remaining: 500 }] });
  });

  it('should forfeit the part of an expired pack when a reservation made before the expiry is released after it', async () => {
    const workspaceId = await kit.workspace(2);
    await ledger.grantPack(workspaceId, { packId: 'pack_x', credits: 8, expiresAt: inDays(1) }, 'checkout:x', 'stripe:evt_x');
    const { reservationId } = await ledger.reserve(kit.request(workspaceId, 'r1', 'ai.image'));
    clock.advance(2 * day);
    await ledger.expirePacks(workspaceId, clock.now(), 'cron:expire-packs');
    const released = await ledger.release(workspaceId, reservationId, 'usr_test');
    expect(released).toMatchObject({ amount: 2, allocation: { plan: 2, packs: [] } });
    expect((await ledger.balance(workspaceId)).balances).toEqual({ plan: 2, packs: [], total: 2 });
  });

  it('should remove the unspent credits of a refunded pack once when the refund is repeated', async () => {
    const workspaceId = await kit.workspace();
    await ledger.grantPack(workspaceId, { packId: 'pack_r', credits: 500, expiresAt: inDays(365) }, 'checkout:r', 'stripe:evt_r');
    const { reservationId } = await ledger.reserve(kit.request(workspaceId, 'r1', 'ai.image'));
    await ledger.commit(workspaceId, reservationId, 'usr_test');
    const refund = await ledger.refundPack(workspaceId, 'pack_r', 'refund:ch_1', 'stripe:evt_refund');
    expect(refund).toMatchObject({ type: 'refund', amount: -495, balances: { total: 0, packs: [] } });
    expect(await ledger.refundPack(workspaceId, 'pack_r', 'refund:ch_1', 'stripe:evt_refund')).toEqual(refund);
    expect(await ledger.refundPack(workspaceId, 'pack_r', 'refund:ch_1_again', 'stripe:evt_other')).toBeNull();
    expect(await problemOf(ledger.reserve(kit.request(workspaceId, 'r2')))).toMatchObject({ status: 402, balance: 0 });
  });
});
