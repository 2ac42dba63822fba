import { z } from 'zod';
import type { Traced } from '../kernel/index.ts';

/** The CloudEvent type a stored Stripe webhook event is re-published as; the Stripe type rides in `stripetype`. */
export const stripeCloudEventType = 'com.uxflow.billing.stripe.v1';
/** The CloudEvents extension attribute carrying the Stripe event type (lower-case alphanumerics, per the spec). */
export const stripeTypeExtension = 'stripetype';

/**
 * The part of a Stripe event the handlers read: its id (also the CloudEvent id), type, creation
 * time (Unix seconds: the order of subscription states) and the object it is about. The object is
 * kept whole; each handler checks the fields it needs with its own schema.
 */
export const stripeWebhookEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  created: z.number().int().nonnegative(),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeWebhookEvent = z.infer<typeof stripeWebhookEventSchema>;

/** A verified webhook delivery as stored in the outbox. */
export interface StoredStripeEvent {
  event: StripeWebhookEvent;
  receivedAt: Date;
}

/** `stripe_events`: each Stripe event once (keyed by its id), and the outbox of `com.uxflow.billing.stripe.v1`. */
export interface StripeEventStore {
  /** Stores a verified event unpublished; false when that event id is stored already (a redelivery: nothing changes). */
  insert: (stored: StoredStripeEvent) => Promise<boolean>;
  /** Stored events not yet published, oldest Stripe time first, at most `limit`. */
  unpublished: (limit: number) => Promise<Traced<StripeWebhookEvent>[]>;
  /** The stored (so verified) event with that id, or null when none was stored. */
  find: (eventId: string) => Promise<StripeWebhookEvent | null>;
  /** Marks an event published. Idempotent. */
  markPublished: (eventId: string, at: Date) => Promise<void>;
}
