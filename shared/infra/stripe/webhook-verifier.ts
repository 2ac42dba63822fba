import { z } from 'zod';
import type { WebhookVerifier } from '../../billing/webhook-intake.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { loadStripe } from './stripe-sdk.ts';

/** Seconds a signed delivery stays acceptable (replay window; Stripe's own default too). */
export const webhookToleranceSeconds = 300;

export const stripeWebhookConfig = defineConfig({
  name: 'stripe-webhook',
  shape: {
    /** The endpoint's signing secret (`whsec_…`; the Stripe dashboard or `stripe listen` gives it). */
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret (whsec_…)'),
  },
  devDefaults: { STRIPE_WEBHOOK_SECRET: 'whsec_uxflowdev_local_webhook_signing_secret' },
});

/** Verifies `Stripe-Signature` with the SDK over the exact bytes, within the tolerance; throws when it does not verify. */
export const createStripeWebhookVerifier = (secret: string, toleranceSeconds = webhookToleranceSeconds): WebhookVerifier => ({
  verify: async (payload, signature) => {
    if (!signature) throw new Error('no Stripe-Signature header');
    const Stripe = await loadStripe();
    // The static helper needs no API key: the webhook function never calls the Stripe API.
    return Stripe.webhooks.constructEvent(Buffer.from(payload), signature, secret, toleranceSeconds);
  },
});

export const stripeWebhookVerifier = defineResource({
  name: 'stripe-webhook-verifier',
  config: stripeWebhookConfig,
  create: (config) => createStripeWebhookVerifier(config.STRIPE_WEBHOOK_SECRET),
});
