import { createRoute } from '@hono/zod-openapi';
import { billingApiService } from '../../shared/infra/billing/billing-api-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { billingApiFunction } from './lib/api-function.ts';
import { json, problem, subscriptionStateSchema, toSubscriptionStateBody, workspaceParams } from './lib/api-schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/billing/cancel',
  tags: ['billing'],
  summary: 'Cancel the subscription at the end of its period',
  request: { params: workspaceParams },
  responses: {
    200: json('The subscription as Stripe now has it', subscriptionStateSchema),
    409: problem('NO_SUBSCRIPTION: the workspace has no subscription in force'),
    503: problem('PAYMENT_PROVIDER_UNAVAILABLE'),
  },
});

export default defineHttpFunction({
  ...billingApiFunction,
  name: 'billing-cancel-subscription',
  description: 'Sets cancel_at_period_end on the workspace’s Stripe subscription: the plan stays until the period ends, then free.',
  route,
  handler: async (c) => {
    const state = await c.var.use(billingApiService).setCancelAtPeriodEnd(c.req.valid('param').workspaceId, true);
    return c.json(toSubscriptionStateBody(state), 200);
  },
});
