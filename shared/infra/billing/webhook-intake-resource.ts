import { createWebhookIntake } from '../../billing/webhook-intake.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { securityEvents } from '../mongodb/security-events-resource.ts';
import { createStripeEventStore } from '../mongodb/stripe-event-store.ts';
import { stripeWebhookVerifier } from '../stripe/webhook-verifier.ts';

/** The Stripe webhook intake: the signature verifier, the `stripe_events` outbox, security events for bad signatures. */
export const webhookIntake = defineResource({
  name: 'stripe-webhook-intake',
  config: defineConfig({ name: 'stripe-webhook-intake', shape: {}, devDefaults: {} }),
  requires: [mongo, securityEvents, stripeWebhookVerifier],
  create: (_config, { use }) =>
    createWebhookIntake({
      verifier: use(stripeWebhookVerifier),
      events: createStripeEventStore(use(mongo).db),
      securityEvents: use(securityEvents),
      clock: { now: () => new Date() },
    }),
});
