import { createRoute } from '@hono/zod-openapi';
import { billingApiService } from '../../../shared/infra/billing/billing-api-resource.ts';
import { defineHttpFunction } from '../../../shared/platform/definition/index.ts';
import { json, problem, workspaceParams } from '../../../shared/platform/http/schemas.ts';
import { billingApiFunction } from './api-function.ts';
import { subscriptionStateSchema, toSubscriptionStateBody } from './api-schemas.ts';

/**
 * `POST /v1/workspaces/{workspaceId}/billing/cancel|resume`: sets or clears `cancel_at_period_end`
 * on the workspace's subscription in force. The two functions differ only in that flag.
 */
export const cancelAtPeriodEndFunction = (options: { action: 'cancel' | 'resume'; summary: string; description: string }) =>
  defineHttpFunction({
    ...billingApiFunction,
    description: options.description,
    route: createRoute({
      method: 'post',
      path: `/v1/workspaces/{workspaceId}/billing/${options.action}`,
      tags: ['billing'],
      summary: options.summary,
      request: { params: workspaceParams },
      responses: {
        200: json('The subscription as Stripe now has it', subscriptionStateSchema),
        409: problem('NO_SUBSCRIPTION: the workspace has no subscription in force'),
        503: problem('PAYMENT_PROVIDER_UNAVAILABLE'),
      },
    }),
    handler: async (c) => {
      const { workspaceId } = c.req.valid('param');
      const state = await c.var.use(billingApiService).setCancelAtPeriodEnd(workspaceId, options.action === 'cancel');
      return c.json(toSubscriptionStateBody(state), 200);
    },
  });
