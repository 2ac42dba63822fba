import { createRoute } from '@hono/zod-openapi';
import { billingApiService } from '../../shared/infra/billing/billing-api-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { billingApiFunction } from './lib/api-function.ts';
import { checkoutBodySchema, redirectSchema } from './lib/api-schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/billing/checkout',
  tags: ['billing'],
  summary: 'Start a Stripe Checkout for a plan or a credit pack',
  request: { params: workspaceParams, body: jsonBody(checkoutBodySchema) },
  responses: {
    200: json('The Checkout session’s URL', redirectSchema),
    400: problem('RETURN_URL_NOT_ALLOWED: successUrl or cancelUrl is not on an allowed origin; VALIDATION_FAILED'),
    409: problem('SUBSCRIPTION_EXISTS: change the plan in the billing portal instead'),
    422: problem('PLAN_NOT_PURCHASABLE: free needs no checkout, enterprise is sold by contract'),
    503: problem('PAYMENT_PROVIDER_UNAVAILABLE, PRICE_NOT_CONFIGURED'),
  },
});

export default defineHttpFunction({
  ...billingApiFunction,
  description:
    'Starts a Stripe Checkout: a subscription for a paid plan or a one-off payment for a credit pack; the Stripe customer is created on first need.',
  route,
  handler: async (c) => {
    const body = c.req.valid('json');
    const item = 'plan' in body ? { plan: body.plan } : { pack: body.pack };
    const session = await c.var
      .use(billingApiService)
      .checkout(c.req.valid('param').workspaceId, { item, successUrl: body.successUrl, cancelUrl: body.cancelUrl });
    return c.json(session, 200);
  },
});
