import { createRoute } from '@hono/zod-openapi';
import { billingApiService } from '../../shared/infra/billing/billing-api-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { billingApiFunction } from './lib/api-function.ts';
import { portalBodySchema, redirectSchema } from './lib/api-schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/billing/portal',
  tags: ['billing'],
  summary: 'Open the Stripe billing portal (payment methods, invoices, plan changes)',
  request: { params: workspaceParams, body: jsonBody(portalBodySchema) },
  responses: {
    200: json('The portal session’s URL', redirectSchema),
    400: problem('RETURN_URL_NOT_ALLOWED: returnUrl is not on an allowed origin; VALIDATION_FAILED'),
    503: problem('PAYMENT_PROVIDER_UNAVAILABLE'),
  },
});

export default defineHttpFunction({
  ...billingApiFunction,
  description: 'Opens a Stripe billing-portal session for the workspace’s customer (created on first need).',
  route,
  handler: async (c) => {
    const session = await c.var.use(billingApiService).portal(c.req.valid('param').workspaceId, c.req.valid('json').returnUrl);
    return c.json(session, 200);
  },
});
