import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import getBilling from '../../../functions/billing/get.ts';
import deleteWorkspace from '../../../functions/workspaces/delete.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, stripeEvent, subscriptionObject, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('workspace_delete');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});

const now = () => Math.floor(Date.now() / 1000);
const remove = (workspaceId: string) => kit.call(deleteWorkspace, `/v1/workspaces/${workspaceId}`, owner, { method: 'DELETE' });
/** A workspace whose subscription Stripe last showed with `status` (and cancel at period end when asked). */
const subscribed = async (status: string, cancelAtPeriodEnd = false) => {
  const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
  await kit.handle(stripeEvent('customer.subscription.created', subscriptionObject(workspaceId, { plan: 'pro' }), now() - 60));
  await kit.handle(stripeEvent('customer.subscription.updated', subscriptionObject(workspaceId, { status, cancelAtPeriodEnd }), now()));
  return workspaceId;
};

describe('DELETE /v1/workspaces/{workspaceId} with a Stripe subscription', () => {
  it.each(['active', 'trialing', 'past_due', 'incomplete'])(
    'should refuse with 409 SUBSCRIPTION_ACTIVE and a link to cancel while the subscription is %s, and keep the workspace',
    async (status) => {
      const workspaceId = await subscribed(status);
      const reply = await remove(workspaceId);
      expect(outcome(reply)).toEqual({ status: 409, code: 'SUBSCRIPTION_ACTIVE' });
      expect(reply.body).toMatchObject({
        subscriptionStatus: status,
        cancelUrl: `/v1/workspaces/${workspaceId}/billing/cancel`,
        billingUrl: `https://app.uxflow.test/workspaces/${workspaceId}/billing`,
      });
      expect((await kit.call(getBilling, `/v1/workspaces/${workspaceId}/billing`, owner)).status).toBe(200);
    },
  );

  it('should delete once the subscription is set to cancel at the period end', async () => {
    const workspaceId = await subscribed('active', true);
    expect((await remove(workspaceId)).status).toBe(204);
  });

  it('should delete once Stripe ended the subscription', async () => {
    const workspaceId = await subscribed('active');
    await kit.handle(stripeEvent('customer.subscription.deleted', subscriptionObject(workspaceId, { status: 'canceled' }), now() + 1));
    expect((await remove(workspaceId)).status).toBe(204);
  });

  it('should delete a workspace that never had a subscription', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'free' });
    expect((await remove(workspaceId)).status).toBe(204);
  });
});
