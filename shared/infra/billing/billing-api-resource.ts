import { createCheckoutService } from '../../billing/checkout-service.ts';
import { defineResource } from '../../platform/resource.ts';
import { createBillingAccountStore } from '../mongodb/billing-account-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createSubscriptionSnapshotStore } from '../mongodb/subscription-snapshot-store.ts';
import { stripe } from '../stripe/stripe-client.ts';
import { stripeReturnConfig } from '../stripe/stripe-return-config.ts';
import { createStripePayments } from '../stripe/stripe-payments.ts';

/**
 * The checkout service (Checkout, billing portal, cancel/resume) wired to MongoDB (billing
 * accounts, subscription snapshots) and the Stripe SDK; return URLs from `BILLING_RETURN_URL_ORIGINS`.
 */
export const billingApiService = defineResource({
  name: 'billing-api-service',
  config: stripeReturnConfig,
  requires: [mongo, stripe],
  create: (config, { use }) => {
    const { db } = use(mongo);
    return createCheckoutService({
      accounts: createBillingAccountStore(db),
      subscriptions: createSubscriptionSnapshotStore(db),
      payments: createStripePayments(use(stripe).client),
      returnUrlOrigins: config.BILLING_RETURN_URL_ORIGINS,
      clock: { now: () => new Date() },
    });
  },
});
