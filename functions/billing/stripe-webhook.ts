import { createRoute, z } from '@hono/zod-openapi';
import { webhookIntake } from '../../shared/infra/billing/webhook-intake-resource.ts';
import { signature, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/webhooks/stripe',
  tags: ['billing'],
  summary: 'Receive a Stripe webhook event',
  description: 'Verifies `Stripe-Signature` over the raw body (300 s tolerance) and stores the event once; it is applied asynchronously.',
  request: { headers: z.object({ 'stripe-signature': z.string().optional() }) },
  responses: {
    200: json('Stored (or stored already: a redelivery)', z.object({ received: z.literal(true), duplicate: z.boolean() })),
    400: problem('INVALID_SIGNATURE (bad, missing or expired signature) or INVALID_STRIPE_EVENT'),
  },
});

export default defineHttpFunction({
  description: 'Stripe webhook intake: verifies the signature, stores each event once (stripe_events outbox), answers at once.',
  route,
  access: signature('stripe'),
  rateLimit: { class: 'webhook' },
  uses: [webhookIntake],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'critical' },
  privacy: { personalData: ['billing'], purpose: 'keep subscriptions and credit purchases in step with Stripe', legalBasis: 'contract' },
  handler: async (c) => {
    const { eventId, isNew } = await c.var.use(webhookIntake).receive({
      payload: new Uint8Array(await c.req.arrayBuffer()),
      signature: c.req.header('stripe-signature'),
      ip: clientIpOf(c.req.header('x-forwarded-for')),
    });
    c.var.log.info({ stripeEventId: eventId, isDuplicate: !isNew }, 'stripe event received');
    return c.json({ received: true as const, duplicate: !isNew }, 200);
  },
});
