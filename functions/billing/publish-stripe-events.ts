import { stripeCloudEventType, stripeTypeExtension } from '../../shared/billing/webhook-event.ts';
import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { drainOutbox } from '../../shared/platform/events/outbox.ts';

/** Events per run; a backlog drains over the next runs. */
const batchSize = 200;

export default defineCronFunction({
  description:
    'Every minute, re-publishes stored Stripe events not yet on the bus as com.uxflow.billing.stripe.v1 (the stripe_events outbox).',
  schedule: '* * * * *',
  uses: [billingSystem, eventPublisher],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'batch' },
  privacy: { personalData: ['billing'], purpose: 'keep subscriptions and credit purchases in step with Stripe', legalBasis: 'contract' },
  handler: async (_tick, { use, log }) => {
    const outbox = use(billingSystem).stripeEventOutbox;
    const publisher = use(eventPublisher);
    const published = await drainOutbox(
      await outbox.unpublished(batchSize),
      // Each event continues the trace of the webhook request that stored it.
      ({ traceparent, ...event }) =>
        publisher.publish({
          id: event.id,
          type: stripeCloudEventType,
          subject: event.id,
          data: event,
          traceparent,
          extensions: { [stripeTypeExtension]: event.type },
        }),
      outbox.markPublished,
    );
    if (published > 0) log.info({ published }, 'stripe events published');
  },
});
