import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import getBilling from '../../../functions/billing/get.ts';
import type { StripeWebhookEvent } from '../../../shared/billing/webhook-event.ts';
import type { TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, subscriptionObject, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('webhook_order');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

type Sub = Parameters<typeof subscriptionObject>[1];
/** One Stripe event of a same-second pair: its type and subscription, or a failed invoice. */
type Step = { type: string; sub?: Sub };

const second = Math.floor(Date.now() / 1000) - 30;
const eventOf = (workspaceId: string, id: string, step: Step): StripeWebhookEvent => ({
  id,
  type: step.type,
  created: second,
  livemode: false,
  data: {
    object:
      step.type === 'invoice.payment_failed'
        ? {
            id: `in_${id}`,
            customer: 'cus_test_1',
            billing_reason: 'subscription_cycle',
            parent: { subscription_details: { subscription: 'sub_test_1', metadata: { workspaceId } } },
            lines: { data: [{ price: { lookup_key: 'uxflow_plan_pro_monthly' }, metadata: {} }] },
          }
        : subscriptionObject(workspaceId, step.sub),
  },
});

// Pairs Stripe sends within one second, the earlier change first, and what must be in force after both.
const pairs: [string, Step, Step, { plan: string; status: string }][] = [
  [
    'created (incomplete) then updated (active)',
    { type: 'customer.subscription.created', sub: { status: 'incomplete' } },
    { type: 'customer.subscription.updated', sub: { status: 'active' } },
    { plan: 'pro', status: 'active' },
  ],
  [
    'created (trialing) then updated (active)',
    { type: 'customer.subscription.created', sub: { status: 'trialing' } },
    { type: 'customer.subscription.updated', sub: { status: 'active' } },
    { plan: 'pro', status: 'active' },
  ],
  [
    'updated (active, cancel at period end) then deleted',
    { type: 'customer.subscription.updated', sub: { status: 'active', cancelAtPeriodEnd: true } },
    { type: 'customer.subscription.deleted', sub: { status: 'canceled' } },
    { plan: 'free', status: 'canceled' },
  ],
  [
    'updated (active) then invoice.payment_failed',
    { type: 'customer.subscription.updated', sub: { status: 'active' } },
    { type: 'invoice.payment_failed' },
    { plan: 'pro', status: 'past_due' },
  ],
  [
    'updated (past_due) then deleted',
    { type: 'customer.subscription.updated', sub: { status: 'past_due' } },
    { type: 'customer.subscription.deleted', sub: { status: 'canceled' } },
    { plan: 'free', status: 'canceled' },
  ],
];

describe('the subscription state in force does not depend on the delivery order of same-second events', () => {
  describe.each(pairs)('%s', (_, earlier, later, expected) => {
    it.each([
      ['in order', 'the later change has the lower event id', false, true],
      ['in order', 'the later change has the higher event id', false, false],
      ['reversed', 'the later change has the lower event id', true, true],
      ['reversed', 'the later change has the higher event id', true, false],
    ])('should hold when delivered %s and %s', async (_order, _ids, reversed, laterIdLower) => {
      const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
      const [idEarlier, idLater] = laterIdLower
        ? [`evt_b_${workspaceId}`, `evt_a_${workspaceId}`]
        : [`evt_a_${workspaceId}`, `evt_b_${workspaceId}`];
      const events = [eventOf(workspaceId, idEarlier, earlier), eventOf(workspaceId, idLater, later)];
      for (const event of reversed ? events.reverse() : events) await kit.handle(event);
      const reply = await kit.call(getBilling, `/v1/workspaces/${workspaceId}/billing`, owner);
      expect(reply.body).toMatchObject(expected);
      expect(await kit.db.collection('workspaces').findOne({ _id: workspaceId as never })).toMatchObject({ plan: expected.plan });
    });
  });
});
