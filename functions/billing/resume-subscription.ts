import { createRoute } from '@hono/zod-openapi';
import { billingApiService } from '../../shared/infra/billing/billing-api-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { billingApiFunction } from './lib/api-function.ts';
import { json, problem, subscriptionStateSchema, toSubscriptionStateBody, workspaceParams } from './lib/api-schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/billing/resume',
  tags: ['billing'],
  summary: 'Resume a subscription that was set to cancel at period end',
  request: { params: workspaceParams },
  responses: {
    200: json('The subscription as Stripe now has it', subscriptionStateSchema),
    409: problem('NO_SUBSCRIPTION: the workspace has no subscription in force'),
    503: problem('PAYMENT_PROVIDER_UNAVAILABLE'),
  },
});

export default defineHttpFunction({
  ...billingApiFunction,
  name: 'billing-resume-subscription',
  description: 'Clears cancel_at_period_end on the workspace’s Stripe subscription, so it renews again.',
  route,
  handler: async (c) => {
    const state = await c.var.use(billingApiService).setCancelAtPeriodEnd(c.req.valid('param').workspaceId, false);
    return c.json(toSubscriptionStateBody(state), 200);
  },
});
