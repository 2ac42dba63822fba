import { createRoute } from '@hono/zod-openapi';
import { jwtOrApiKey } from '../../shared/infra/auth/jwt-authenticator.ts';
import { billingState } from '../../shared/infra/billing/webhook-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { billingSummarySchema, toBillingBody } from './lib/webhook-billing-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/billing',
  tags: ['billing'],
  summary: "Read a workspace's plan, subscription status, credits and limits",
  request: { params: workspaceParams },
  responses: { 200: json('The workspace’s billing', billingSummarySchema) },
});

export default defineHttpFunction({
  description: 'Plan, subscription status (trialing, active, past_due, canceled, free), period, credits and limits of a workspace.',
  route,
  access: authenticated(jwtOrApiKey, 'billing:read'),
  rateLimit: rateLimited.api,
  uses: [billingState],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'standard' },
  privacy: { personalData: ['billing'], purpose: 'show a workspace its plan, subscription and credits', legalBasis: 'contract' },
  handler: async (c) => {
    const summary = await c.var.use(billingState).reader.get(c.req.valid('param').workspaceId);
    return c.json(toBillingBody(summary), 200);
  },
});
