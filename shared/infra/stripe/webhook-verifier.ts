import { z } from 'zod';
import type { WebhookVerifier } from '../../billing/webhook-intake.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createSecretSource, type SecretSource } from '../secrets/secret-source.ts';
import { loadStripe } from './stripe-sdk.ts';

/** Seconds a signed delivery stays acceptable (replay window; Stripe's own default too). */
export const webhookToleranceSeconds = 300;

const secretPattern = /^whsec_\w+$/;
/** One secret, or several comma-separated during a rotation's overlap (the new one first). */
export const parseWebhookSecrets = (raw: string): string[] => {
  const secrets = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (secrets.length === 0 || !secrets.every((s) => secretPattern.test(s)))
    throw new Error('must be Stripe webhook signing secrets (whsec_…), comma-separated');
  return secrets;
};

export const stripeWebhookConfig = defineConfig({
  name: 'stripe-webhook',
  shape: {
    /**
     * The endpoint's signing secret (`whsec_…`; the Stripe dashboard or `stripe listen` gives it);
     * during a rotation the new and the old one, comma-separated: a delivery signed by either passes.
     */
    STRIPE_WEBHOOK_SECRET: z.string().refine((raw) => {
      try {
        return parseWebhookSecrets(raw).length > 0;
      } catch {
        return false;
      }
    }, 'must be Stripe webhook signing secrets (whsec_…), comma-separated'),
    /** A mounted file holding the same (re-read when it changes: a rotation needs no redeploy); overrides the variable. */
    STRIPE_WEBHOOK_SECRET_FILE: z.string().optional(),
  },
  devDefaults: { STRIPE_WEBHOOK_SECRET: 'whsec_uxflowdev_local_webhook_signing_secret' },
});

/**
 * Verifies `Stripe-Signature` with the SDK over the exact bytes, within the tolerance, against
 * each current secret in turn; throws when none verifies.
 */
export const createStripeWebhookVerifier = (
  secrets: string | SecretSource,
  toleranceSeconds = webhookToleranceSeconds,
): WebhookVerifier => {
  const source = typeof secrets === 'string' ? createSecretSource({ value: secrets }) : secrets;
  return {
    verify: async (payload, signature) => {
      if (!signature) throw new Error('no Stripe-Signature header');
      const Stripe = await loadStripe();
      const candidates = parseWebhookSecrets(await source.current());
      let failure: unknown;
      for (const secret of candidates) {
        try {
          // The static helper needs no API key: the webhook function never calls the Stripe API.
          return Stripe.webhooks.constructEvent(Buffer.from(payload), signature, secret, toleranceSeconds);
        } catch (error) {
          failure ??= error;
        }
      }
      throw failure;
    },
  };
};

export const stripeWebhookVerifier = defineResource({
  name: 'stripe-webhook-verifier',
  config: stripeWebhookConfig,
  create: (config) =>
    createStripeWebhookVerifier(
      createSecretSource({
        value: config.STRIPE_WEBHOOK_SECRET,
        file: config.STRIPE_WEBHOOK_SECRET_FILE || undefined,
        parse: (raw) => parseWebhookSecrets(raw).join(','),
      }),
    ),
});
