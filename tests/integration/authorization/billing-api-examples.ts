import { ensureServices } from '../../../scripts/services/index.ts';
import { createSubscriptionSnapshotStore } from '../../../shared/infra/mongodb/subscription-snapshot-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

// The matrix env is APP_ENV=test: Stripe is stripe-mock and return URLs may use the development origin.
const web = 'http://localhost:5173';

/** These functions call Stripe: make sure stripe-mock runs (the matrix starts only MongoDB, mail and Upstash). */
const withStripe =
  (example: Example): Example =>
  async (ctx, caller) => {
    await ensureServices({ only: ['stripe'] });
    return example(ctx, caller);
  };

/** Gives the matrix workspace a subscription in force (as the webhook handlers would have stored it). */
const subscribed = async ({ db, workspaceId }: ExampleContext) => {
  await createSubscriptionSnapshotStore(db).insert({
    workspaceId,
    subscriptionId: newId('sub'),
    stripeStatus: 'active',
    plan: 'enterprise',
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    cancelAtPeriodEnd: false,
    trialEnd: null,
    graceEndsAt: null,
    observedAt: new Date(),
    eventId: newId('evt'),
  });
};

/** Valid requests for the billing functions of this group (see examples.ts). */
export const billingApiExamples: Record<string, Example> = {
  'billing-create-checkout': withStripe(({ workspaceId }) => ({
    method: 'POST',
    path: `/v1/workspaces/${workspaceId}/billing/checkout`,
    body: { plan: 'pro', successUrl: `${web}/billing/done`, cancelUrl: `${web}/billing` },
  })),
  'billing-create-portal-session': withStripe(({ workspaceId }) => ({
    method: 'POST',
    path: `/v1/workspaces/${workspaceId}/billing/portal`,
    body: { returnUrl: `${web}/settings/billing` },
  })),
  'billing-cancel-subscription': withStripe(async (ctx) => {
    await subscribed(ctx);
    return { method: 'POST', path: `/v1/workspaces/${ctx.workspaceId}/billing/cancel` };
  }),
  'billing-resume-subscription': withStripe(async (ctx) => {
    await subscribed(ctx);
    return { method: 'POST', path: `/v1/workspaces/${ctx.workspaceId}/billing/resume` };
  }),
};
