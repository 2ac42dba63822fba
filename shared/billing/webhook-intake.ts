import type { SecurityEvents } from '../security/index.ts';
import { webhookErrors } from './webhook-errors.ts';
import { stripeWebhookEventSchema, type StripeEventStore } from './webhook-event.ts';

/** Port: checks a delivery's `Stripe-Signature` over the exact bytes; the parsed event, or throws when it does not verify. */
export interface WebhookVerifier {
  verify: (payload: Uint8Array, signature: string | undefined) => Promise<unknown>;
}

export interface WebhookIntakePorts {
  verifier: WebhookVerifier;
  events: StripeEventStore;
  securityEvents: SecurityEvents;
  clock: { now: () => Date };
}

export interface WebhookDelivery {
  /** The request body, byte for byte. */
  payload: Uint8Array;
  signature: string | undefined;
  ip: string | undefined;
}

/**
 * `POST /v1/webhooks/stripe`: verify, then store once. Nothing else happens in the request (the
 * outbox cron re-publishes, event functions apply), so Stripe gets its 2xx quickly.
 */
export const createWebhookIntake = ({ verifier, events, securityEvents, clock }: WebhookIntakePorts) => ({
  /**
   * @returns the event id and whether it was new (a redelivery stores nothing).
   * @throws INVALID_SIGNATURE (400) after recording a security event; INVALID_STRIPE_EVENT (400).
   */
  receive: async ({ payload, signature, ip }: WebhookDelivery): Promise<{ eventId: string; isNew: boolean }> => {
    let verified: unknown;
    try {
      verified = await verifier.verify(payload, signature);
    } catch (error) {
      const reason = signature ? 'INVALID_SIGNATURE' : 'MISSING_SIGNATURE';
      await securityEvents.record({ type: 'webhook_signature_invalid', at: clock.now(), ...(ip ? { ip } : {}), details: { reason } });
      throw webhookErrors.invalidSignature(error);
    }
    const parsed = stripeWebhookEventSchema.safeParse(verified);
    if (!parsed.success) throw webhookErrors.invalidEvent('The body is not a Stripe event.');
    const isNew = await events.insert({ event: parsed.data, receivedAt: clock.now() });
    return { eventId: parsed.data.id, isNew };
  },
});
