import type { Db } from 'mongodb';
import { stripeWebhookEventSchema, type StripeEventStore } from '../../billing/webhook-event.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { keptTrace, writerTrace } from './outbox-trace.ts';

export const stripeEventCollection = defineCollection({
  name: 'stripe_events',
  privacy: {
    classes: ['financial', 'direct-identifier'],
    personalData: ['billing', 'contact', 'identity'],
    retention: 'billing-records',
    subject: { stripeCustomer: 'event' },
    export: { none: 'Stripe notifications as received; the billing state they produced is exported' },
    erase: 'unlink',
  },
  indexes: [
    // The outbox (`_id` = event id stores each once): the publisher cron reads the unpublished by equality.
    { name: 'stripe_events_published', keys: { published: 1 } },
  ],
});

interface StripeEventDocument {
  /** The Stripe event id: a redelivered event is a duplicate key, so each is stored once. */
  _id: string;
  schemaVersion: 1;
  type: string;
  /** The Stripe event's own time. */
  created: Date;
  receivedAt: Date;
  /**
   * The event as JSON text: Stripe metadata keys may hold `.` or `$`, which MongoDB field names
   * must not; the text round-trips exactly.
   */
  event: string;
  /** The outbox flag: false until the broker accepted the CloudEvent. */
  published: boolean;
  publishedAt?: Date;
  /** The webhook request's trace, for the CloudEvent the outbox cron publishes (absent before it was kept). */
  traceparent?: string;
}

/** `stripe_events`: verified Stripe events, each once, and the outbox of `com.uxflow.billing.stripe.v1`. */
export const createStripeEventStore = (db: Db): StripeEventStore => {
  const events = stripeEventCollection.in<StripeEventDocument>(db);
  return {
    insert: async ({ event, receivedAt }) => {
      try {
        await events.insertOne({
          _id: event.id,
          schemaVersion: 1,
          type: event.type,
          created: new Date(event.created * 1000),
          receivedAt,
          event: JSON.stringify(event),
          published: false,
          ...writerTrace(),
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    unpublished: async (limit) => {
      // Equality only (FerretDB indexes nothing else); the batch is ordered here.
      const found = await events.find({ published: false }).limit(limit).toArray();
      return found
        .sort((a, b) => a.created.getTime() - b.created.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime())
        .map((doc) => ({ ...stripeWebhookEventSchema.parse(JSON.parse(doc.event)), ...keptTrace(doc) }));
    },
    find: async (eventId) => {
      const found = await events.findOne({ _id: eventId });
      return found ? stripeWebhookEventSchema.parse(JSON.parse(found.event)) : null;
    },
    markPublished: async (eventId, at) => {
      await events.updateOne({ _id: eventId }, { $set: { published: true, publishedAt: at } });
    },
  };
};
