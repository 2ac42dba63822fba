import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, stripeEvent, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('webhook_verified');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

const entriesOf = (workspaceId: string) => kit.db.collection('credit_ledger').find({ workspaceId }).sort({ seq: 1 }).toArray();
const packCheckout = (workspaceId: string, id: string, credits: string) => ({
  id,
  mode: 'payment',
  payment_status: 'paid',
  payment_intent: `pi_${id}`,
  customer: `cus_${id}`,
  metadata: { workspaceId, kind: 'pack', credits },
});

describe('the Stripe event function acts only on verified, stored events', () => {
  it('should mint nothing for a forged event that reaches the broker without passing the webhook', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    await kit.brokerDelivers(stripeEvent('checkout.session.completed', packCheckout(workspaceId, `cs_forged_${workspaceId}`, '5000')));
    await kit.brokerDelivers(
      stripeEvent('invoice.paid', {
        id: `in_forged_${workspaceId}`,
        customer: 'cus_forged',
        billing_reason: 'subscription_cycle',
        parent: { subscription_details: { subscription: 'sub_forged', metadata: { workspaceId } } },
        lines: { data: [{ price: { lookup_key: 'uxflow_plan_enterprise_monthly' }, metadata: {} }] },
      }),
    );
    expect(await entriesOf(workspaceId)).toEqual([]);
    expect(await kit.db.collection('billing_accounts').countDocuments({ _id: workspaceId as never })).toBe(0);
    expect(await kit.db.collection('stripe_pack_purchases').countDocuments({ workspaceId })).toBe(0);
  });

  it('should apply the stored event, not the data delivered with its id', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const other = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    const genuine = stripeEvent('checkout.session.completed', packCheckout(workspaceId, `cs_genuine_${workspaceId}`, '500'));
    expect((await kit.deliver(genuine)).status).toBe(200);
    await kit.brokerDelivers({ ...genuine, data: { object: packCheckout(other, `cs_genuine_${workspaceId}`, '5000') } });
    expect((await entriesOf(workspaceId)).map((entry): unknown[] => [entry.type, entry.amount])).toEqual([['grant', 500]]);
    expect(await entriesOf(other)).toEqual([]);
  });
});
