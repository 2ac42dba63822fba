import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';

export default defineEventFunction({
  description:
    'Applies Stripe events (checkout, subscription changes, invoices, refunds) to subscription snapshots, the workspace plan and the credit ledger; idempotent and order-safe.',
  events: ['com.uxflow.billing.stripe.v1'],
  uses: [billingSystem],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'critical' },
  privacy: { personalData: ['billing'], purpose: 'keep subscriptions and credit purchases in step with Stripe', legalBasis: 'contract' },
  handler: async (event, { use, log }) => {
    // Only the id is taken from the delivery: the event acted on is the one the webhook verified and stored.
    const outcome = await use(billingSystem).handleStripeEvent(event.data.id);
    log.info({ stripeEventId: event.data.id, stripeType: event.data.type, outcome }, 'stripe event handled');
  },
});
