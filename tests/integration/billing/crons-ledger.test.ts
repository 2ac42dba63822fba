import { describe, expect, it } from 'vitest';
import expirePacksFunction from '../../../functions/billing/expire-packs.ts';
import releaseExpiredFunction from '../../../functions/billing/release-expired-reservations.ts';
import { reservationTtlMs } from '../../../shared/billing/index.ts';
import { named, type CronFunctionDefinition, type Named } from '../../../shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

const day = 24 * 60 * 60_000;
let kit: LedgerKit;

useLedgerKit('billing_crons_ledger', (started) => (kit = started));

const fire = (definition: Named<CronFunctionDefinition>) => fireCron(definition, kit.env);
const expirePacks = named(expirePacksFunction, 'functions/billing/expire-packs.ts');
const releaseExpired = named(releaseExpiredFunction, 'functions/billing/release-expired-reservations.ts');
const ago = (ms: number) => ({ now: () => new Date(Date.now() - ms) });

describe('billing-release-expired-reservations', () => {
  it('should release a reservation left unsettled past its expiry, once, when it runs twice', async () => {
    const workspaceId = await kit.workspace(10);
    const crashed = await kit.ledgerOf(undefined, ago(reservationTtlMs + 60_000)).reserve(kit.request(workspaceId, 'crashed', 'ai.image'));
    const fresh = await kit.ledger.reserve(kit.request(workspaceId, 'fresh', 'ai.chat'));
    await fire(releaseExpired);
    await fire(releaseExpired);
    const types = (await kit.entriesOf(workspaceId)).map((entry) => `${entry.type}:${entry.reservationId ?? ''}`);
    expect(types).toEqual([
      'grant:',
      `reserve:${crashed.reservationId}`,
      `reserve:${fresh.reservationId}`,
      `release:${crashed.reservationId}`,
    ]);
    expect(await kit.ledger.balance(workspaceId)).toMatchObject({ spendable: 9 });
    expect(await problemOf(kit.ledger.commit(workspaceId, crashed.reservationId, 'usr_test'))).toMatchObject({ status: 409 });
    expect(await kit.ledger.commit(workspaceId, fresh.reservationId, 'usr_test')).toMatchObject({ type: 'commit' });
  });
});

describe('billing-expire-packs', () => {
  const grant = (workspaceId: string, packId: string, expiresAt: Date) =>
    kit.ledgerOf(undefined, ago(400 * day)).grantPack(workspaceId, { packId, credits: 500, expiresAt }, `checkout:${packId}`, 'stripe:evt');

  it('should remove the expired pack’s credits, keep the others, and write nothing on a second run', async () => {
    const workspaceId = await kit.workspace(10);
    await grant(workspaceId, `old_${workspaceId}`, new Date(Date.now() - day));
    await grant(workspaceId, `new_${workspaceId}`, new Date(Date.now() + 30 * day));
    await fire(expirePacks);
    const after = await kit.entriesOf(workspaceId);
    expect(after.at(-1)).toMatchObject({
      type: 'expire',
      amount: -500,
      actor: 'cron:expire-packs',
      idempotencyKey: `expire:old_${workspaceId}`,
    });
    expect((await kit.ledger.balance(workspaceId)).balances).toMatchObject({
      plan: 10,
      total: 510,
      packs: [{ packId: `new_${workspaceId}` }],
    });
    await fire(expirePacks);
    expect(await kit.entriesOf(workspaceId)).toHaveLength(after.length);
  });

  it('should examine a workspace again when its next pack expiry passes or its ledger moves, not otherwise', async () => {
    const workspaceId = await kit.workspace(10);
    await fire(expirePacks);
    const watch = () => kit.db.collection('credit_pack_watch').findOne({ _id: workspaceId as never });
    expect(await watch()).toMatchObject({ nextExpiry: null });
    const checkedAt = (await watch())?.checkedAt as Date;
    await fire(expirePacks);
    expect((await watch())?.checkedAt).toEqual(checkedAt);
    // A pack arrives (the head moves) and is past its expiry by the next run.
    await grant(workspaceId, `late_${workspaceId}`, new Date(Date.now() + 500));
    await fire(expirePacks);
    expect(await watch()).toMatchObject({ nextExpiry: expect.any(Date) });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await fire(expirePacks);
    expect((await kit.entriesOf(workspaceId)).at(-1)).toMatchObject({ type: 'expire', amount: -500 });
    expect(await watch()).toMatchObject({ nextExpiry: null });
  });
});
