import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import getBilling from '../../../functions/billing/get.ts';
import type { TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, stripeEvent, subscriptionObject, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('webhook_handlers');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

const now = () => Math.floor(Date.now() / 1000);
const day = 86_400;
const workspaceDoc = (id: string) => kit.db.collection('workspaces').findOne({ _id: id as never });
const entriesOf = (workspaceId: string) => kit.db.collection('credit_ledger').find({ workspaceId }).sort({ seq: 1 }).toArray();
const billingOf = (workspaceId: string) => kit.call(getBilling, `/v1/workspaces/${workspaceId}/billing`, owner);
const invoice = (workspaceId: string, id: string, plan = 'pro') => ({
  id,
  object: 'invoice',
  customer: 'cus_test_1',
  billing_reason: 'subscription_cycle',
  parent: { subscription_details: { subscription: 'sub_test_1', metadata: { workspaceId } } },
  lines: { object: 'list', data: [{ price: { lookup_key: `uxflow_plan_${plan}_monthly` }, metadata: {} }] },
});

describe('Stripe event handlers', () => {
  it('should link the customer on checkout and follow subscription events into the workspace plan', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt: new Date(Date.now() + 5 * day * 1000) });
    await kit.handle(
      stripeEvent('checkout.session.completed', {
        id: 'cs_sub',
        mode: 'subscription',
        customer: `cus_${workspaceId}`,
        subscription: 'sub_test_1',
        client_reference_id: workspaceId,
        metadata: {},
      }),
    );
    expect(await kit.db.collection('billing_accounts').findOne({ _id: workspaceId as never })).toMatchObject({
      customerId: `cus_${workspaceId}`,
    });
    // Linked by customer alone (no workspace metadata on the subscription).
    const object = { ...subscriptionObject(workspaceId, { plan: 'basic' }), metadata: {}, customer: `cus_${workspaceId}` };
    await kit.handle(stripeEvent('customer.subscription.created', object));
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'basic', trialEndsAt: null });
  });

  it('should keep the newer state when an older subscription.updated arrives after a newer one', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const newer = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject(workspaceId, { plan: 'enterprise', cancelAtPeriodEnd: true }),
      now(),
    );
    const older = stripeEvent('customer.subscription.updated', subscriptionObject(workspaceId, { plan: 'basic' }), now() - 60);
    await kit.handle(newer);
    await kit.handle(older);
    await kit.handle(older);
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'enterprise' });
    const reply = await billingOf(workspaceId);
    expect(reply.body).toMatchObject({ plan: 'enterprise', status: 'active', cancelAtPeriodEnd: true });
  });

  it('should acknowledge trial_will_end and change nothing: plan, trial end, ledger and billing stay', async () => {
    const trialEndsAt = new Date(Date.now() + 3 * day * 1000);
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt });
    const before = {
      workspace: await workspaceDoc(workspaceId),
      entries: await entriesOf(workspaceId),
      billing: (await billingOf(workspaceId)).body,
    };
    const object = subscriptionObject(workspaceId, { status: 'trialing', trialEnd: Math.floor(trialEndsAt.getTime() / 1000) });
    await kit.handle(stripeEvent('customer.subscription.trial_will_end', object));
    await kit.handle(stripeEvent('customer.subscription.trial_will_end', object));
    expect(await workspaceDoc(workspaceId)).toEqual(before.workspace);
    expect(await entriesOf(workspaceId)).toEqual(before.entries);
    expect((await billingOf(workspaceId)).body).toEqual(before.billing);
  });

  it('should put the workspace on free when the subscription is deleted', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), now() - 10));
    await kit.handle(stripeEvent('customer.subscription.deleted', subscriptionObject(workspaceId, { status: 'canceled' }), now()));
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'free' });
    expect((await billingOf(workspaceId)).body).toMatchObject({ plan: 'free', status: 'canceled' });
  });

  it('should grant the period plan credits once per invoice, however often invoice.paid arrives', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const paid = stripeEvent('invoice.paid', invoice(workspaceId, `in_${workspaceId}`, 'basic'));
    await Promise.all([kit.handle(paid), kit.handle(paid), kit.handle({ ...paid, id: `${paid.id}_redelivered_as_new` })]);
    const entries = await entriesOf(workspaceId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'grant', amount: 1000, idempotencyKey: `invoice:in_${workspaceId}` });
  });

  it('should wait (throw for a redelivery) when an invoice names neither a known plan nor a linked workspace', async () => {
    const orphan = stripeEvent('invoice.paid', {
      id: 'in_orphan',
      customer: 'cus_unknown',
      subscription: 'sub_unknown',
      billing_reason: 'subscription_cycle',
      lines: { data: [] },
    });
    await expect(kit.handle(orphan)).rejects.toMatchObject({ code: 'STRIPE_EVENT_NOT_APPLICABLE_YET' });
  });

  it('should put the workspace past_due with a 7-day grace on a failed payment, and free once the grace has passed', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), now() - 9 * day));
    const failedAt = now() - 8 * day;
    await kit.handle(stripeEvent('invoice.payment_failed', invoice(workspaceId, 'in_failed'), failedAt));
    const snapshot = await kit.db.collection('subscription_snapshots').findOne({ workspaceId, stripeStatus: 'past_due' });
    expect(snapshot?.graceEndsAt).toEqual(new Date((failedAt + 7 * day) * 1000));
    // The grace has passed already (the failure was 8 days ago): the cron takes the plan away.
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'free' });
    await kit.db.collection('workspaces').updateOne({ _id: workspaceId as never }, { $set: { plan: 'pro' } });
    await kit.expireGracePeriods();
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'free' });
  });

  it('should keep the plan and answer past_due during the grace', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), now() - 60));
    const failedAt = now();
    await kit.handle(stripeEvent('invoice.payment_failed', invoice(workspaceId, 'in_failed_2'), failedAt));
    await kit.handle(stripeEvent('customer.subscription.updated', subscriptionObject(workspaceId, { status: 'past_due' }), failedAt + 1));
    await kit.expireGracePeriods();
    expect(await workspaceDoc(workspaceId)).toMatchObject({ plan: 'pro' });
    const reply = await billingOf(workspaceId);
    expect(reply.body).toMatchObject({ plan: 'pro', status: 'past_due' });
    expect(Date.parse(reply.body!.graceEndsAt as string)).toBe((failedAt + 7 * day) * 1000);
  });

  it('should remove the unspent credits of a refunded pack, once', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    await kit.handle(stripeEvent('invoice.paid', invoice(workspaceId, `in_${workspaceId}`, 'basic')));
    await kit.handle(
      stripeEvent('checkout.session.completed', {
        id: `cs_pack_${workspaceId}`,
        mode: 'payment',
        payment_status: 'paid',
        payment_intent: `pi_${workspaceId}`,
        metadata: { workspaceId, kind: 'pack', credits: '2000' },
      }),
    );
    expect((await billingOf(workspaceId)).body).toMatchObject({ credits: { plan: 1000, packs: 2000, total: 3000 } });
    const refunded = stripeEvent('charge.refunded', { id: 'ch_1', payment_intent: `pi_${workspaceId}`, metadata: {} });
    await kit.handle(refunded);
    await kit.handle(refunded);
    await kit.handle(stripeEvent('charge.refunded', { id: 'ch_other', payment_intent: 'pi_not_a_pack', metadata: {} }));
    const entries = await entriesOf(workspaceId);
    expect(entries.map((e): unknown[] => [e.type, e.amount])).toEqual([
      ['grant', 1000],
      ['grant', 2000],
      ['refund', -2000],
    ]);
    expect((await billingOf(workspaceId)).body).toMatchObject({
      plan: 'free',
      status: 'free',
      credits: { plan: 1000, packs: 0, total: 1000 },
    });
  });
});

describe('GET /v1/workspaces/{workspaceId}/billing and the trial cron', () => {
  it('should answer trialing with the trial end and the plan limits while the card-less trial runs', async () => {
    const trialEndsAt = new Date(Date.now() + 3 * day * 1000);
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt });
    const reply = await billingOf(workspaceId);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      plan: 'pro',
      status: 'trialing',
      trialEndsAt: trialEndsAt.toISOString(),
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      graceEndsAt: null,
      credits: { plan: 0, packs: 0, total: 0 },
      limits: expect.objectContaining({ seats: 10, flows: null, creditsPerMonth: 5000 }),
    });
  });

  it('should move an ended trial without a subscription to free, and leave a subscribed one alone', async () => {
    const ended = new Date(Date.now() - 1000);
    const lapsed = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt: ended });
    const subscribed = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt: ended });
    await kit.db.collection('subscription_snapshots').insertOne({
      _id: `${subscribed}:evt_manual` as never,
      schemaVersion: 1,
      workspaceId: subscribed,
      subscriptionId: 'sub_manual',
      stripeStatus: 'active',
      plan: 'basic',
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      trialEnd: null,
      graceEndsAt: null,
      observedAt: new Date(),
      eventId: 'evt_manual',
    });
    expect((await billingOf(lapsed)).body).toMatchObject({ plan: 'free', status: 'free', trialEndsAt: null });
    await kit.expireTrials();
    expect(await workspaceDoc(lapsed)).toMatchObject({ plan: 'free', trialEndsAt: null });
    expect(await workspaceDoc(subscribed)).toMatchObject({ plan: 'basic', trialEndsAt: null });
  });
});
