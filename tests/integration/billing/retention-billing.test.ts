import { describe, expect, it } from 'vitest';
import retentionFunction from '../../../functions/privacy/retention-billing-records.ts';
import { billingRecordsJob } from '../../../shared/infra/privacy/retention-billing.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { manualClock, useLedgerKit, type LedgerKit } from '../../support/ledger-kit.ts';

const retention = named(retentionFunction, 'functions/privacy/retention-billing-records.ts');
const year = 365.25 * 86_400_000;

let kit: LedgerKit;
useLedgerKit('retention_billing', (started) => (kit = started));

const seqsOf = async (workspaceId: string) => (await kit.entriesOf(workspaceId)).map((entry) => entry.seq);

describe('the billing records’ 10-year end', () => {
  it('should cut each ledger at its last settled entry older than 10 years, keep the head, and still reconcile', async () => {
    const clock = manualClock(new Date(Date.now() - 11 * year));
    const ledger = kit.ledgerOf(undefined, clock);
    const busy = await kit.workspace();
    await ledger.grantPlanCredits(busy, 100, 'invoice:in_old', 'stripe:evt_old', 'period 1'); // 1
    const settled = await ledger.reserve(kit.request(busy, 'old-1')); // 2
    await ledger.commit(busy, settled.reservationId, 'usr_test'); // 3
    const open = await ledger.reserve(kit.request(busy, 'old-2')); // 4: settled only today
    const quiet = await kit.workspace();
    await ledger.grantPlanCredits(quiet, 50, 'invoice:in_quiet', 'stripe:evt_quiet', 'period 1'); // 1, 2: both old, 2 is the head
    await ledger.grantPlanCredits(quiet, 20, 'invoice:in_quiet2', 'stripe:evt_quiet2', 'period 2');
    const today = kit.ledgerOf();
    await today.commit(busy, open.reservationId, 'usr_test'); // 5
    await today.grantPlanCredits(busy, 10, 'invoice:in_new', 'stripe:evt_new', 'period 2'); // 6

    const old = new Date(Date.now() - 11 * year);
    await kit.db.collection('stripe_events').insertMany([
      { _id: 'evt_sent_old', created: old, published: true, schemaVersion: 1 },
      { _id: 'evt_unsent_old', created: old, published: false, schemaVersion: 1 },
      { _id: 'evt_sent_new', created: new Date(), published: true, schemaVersion: 1 },
    ] as never);
    await kit.db.collection('subscription_snapshots').insertMany([
      { _id: 'sub_1', workspaceId: busy, observedAt: new Date(old.getTime() - 1000), schemaVersion: 1 },
      { _id: 'sub_2', workspaceId: busy, observedAt: old, schemaVersion: 1 },
      { _id: 'sub_3', workspaceId: quiet, observedAt: old, schemaVersion: 1 },
    ] as never);

    expect(await billingRecordsJob(kit.db).dryRun(new Date())).toMatchObject({
      credit_ledger: 4,
      stripe_events: 1,
      subscription_snapshots: 1,
    });
    expect(await seqsOf(busy)).toEqual([1, 2, 3, 4, 5, 6]); // a dry run changes nothing
    const balanceBefore = await today.balance(busy);

    await fireCron(retention, kit.env);
    expect(await seqsOf(busy)).toEqual([4, 5, 6]);
    expect(await seqsOf(quiet)).toEqual([2]);
    expect(await kit.db.collection('credit_ledger_cuts').find({}).sort({ _id: 1 }).toArray()).toMatchObject([
      { workspaceId: expect.any(String), through: expect.any(Number) },
      { workspaceId: expect.any(String), through: expect.any(Number) },
    ]);
    expect((await kit.db.collection('stripe_events').find({}).toArray()).map((e) => e._id).sort()).toEqual([
      'evt_sent_new',
      'evt_unsent_old',
    ]);
    expect((await kit.db.collection('subscription_snapshots').find({}).toArray()).map((e) => e._id).sort()).toEqual(['sub_2', 'sub_3']);
    expect(await kit.db.collection('credit_reservation_pointers').countDocuments({ _id: settled.reservationId as never })).toBe(0);

    // The balance is the head's: the workspace spends on, and the next entry follows the head.
    expect(await today.balance(busy)).toEqual(balanceBefore);
    const next = await today.reserve(kit.request(busy, 'new-1'));
    await today.release(busy, next.reservationId, 'usr_test');
    expect(await seqsOf(busy)).toEqual([4, 5, 6, 7, 8]);
    // A second run removes nothing more (the reconcile check runs after this test).
    expect(await billingRecordsJob(kit.db).dryRun(new Date())).toMatchObject({
      credit_ledger: 0,
      stripe_events: 0,
      subscription_snapshots: 0,
    });
  });
});
