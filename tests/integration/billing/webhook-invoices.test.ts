import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, stripeEvent, subscriptionObject, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('webhook_invoices');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

const now = () => Math.floor(Date.now() / 1000);
const entriesOf = (workspaceId: string) => kit.db.collection('credit_ledger').find({ workspaceId }).sort({ seq: 1 }).toArray();
const paidInvoice = (workspaceId: string, id: string, plan: string, billingReason: string | null) => ({
  id,
  object: 'invoice',
  customer: 'cus_test_1',
  billing_reason: billingReason,
  parent: { subscription_details: { subscription: 'sub_test_1', metadata: { workspaceId } } },
  lines: { object: 'list', data: [{ price: { lookup_key: `uxflow_plan_${plan}_monthly` }, metadata: {} }] },
});

describe('invoice.paid grants plan credits only for a new period', () => {
  it('should grant once for pro → basic → pro within one period, and again at the next cycle', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const t = now() - 100;
    await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), t));
    await kit.handle(stripeEvent('invoice.paid', paidInvoice(workspaceId, `in_create_${workspaceId}`, 'pro', 'subscription_create'), t));
    // The downgrade and the upgrade back each bill a proration invoice (one of them $0).
    await kit.handle(stripeEvent('customer.subscription.updated', subscriptionObject(workspaceId, { plan: 'basic' }), t + 10));
    await kit.handle(
      stripeEvent('invoice.paid', paidInvoice(workspaceId, `in_down_${workspaceId}`, 'basic', 'subscription_update'), t + 10),
    );
    await kit.handle(stripeEvent('customer.subscription.updated', subscriptionObject(workspaceId, { plan: 'pro' }), t + 20));
    await kit.handle(stripeEvent('invoice.paid', paidInvoice(workspaceId, `in_up_${workspaceId}`, 'pro', 'subscription_update'), t + 20));
    expect((await entriesOf(workspaceId)).map((e): unknown[] => [e.type, e.amount, e.idempotencyKey])).toEqual([
      ['grant', 5000, `invoice:in_create_${workspaceId}`],
    ]);
    await kit.handle(stripeEvent('invoice.paid', paidInvoice(workspaceId, `in_cycle_${workspaceId}`, 'pro', 'subscription_cycle'), t + 30));
    expect((await entriesOf(workspaceId)).map((e): unknown => e.idempotencyKey)).toEqual([
      `invoice:in_create_${workspaceId}`,
      `invoice:in_cycle_${workspaceId}`,
    ]);
  });

  it.each(['manual', 'subscription_update', 'subscription_threshold', 'subscription', null])(
    'should grant nothing for an invoice whose billing_reason is %s',
    async (billingReason) => {
      const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
      await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), now() - 10));
      await kit.handle(stripeEvent('invoice.paid', paidInvoice(workspaceId, `in_${workspaceId}`, 'pro', billingReason)));
      expect(await entriesOf(workspaceId)).toEqual([]);
    },
  );
});
