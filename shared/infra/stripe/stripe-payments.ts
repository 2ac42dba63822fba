import type Stripe from 'stripe';
import type { PaymentProvider, SubscriptionState } from '../../billing/checkout-ports.ts';
import { callStripe, isStripeMissing } from './stripe-errors.ts';

/** A subscription's period end: on its items since Stripe API 2025-03 (the latest item's), else null. */
const periodEndOf = (subscription: Stripe.Subscription): Date | null => {
  const ends = subscription.items.data.map((item) => item.current_period_end).filter((end) => typeof end === 'number');
  return ends.length > 0 ? new Date(Math.max(...ends) * 1000) : null;
};

const toState = (subscription: Stripe.Subscription): SubscriptionState => ({
  subscriptionId: subscription.id,
  status: subscription.status,
  cancelAtPeriodEnd: subscription.cancel_at_period_end,
  currentPeriodEnd: periodEndOf(subscription),
});

/**
 * The payment-provider port on the Stripe SDK (stripe-mock in development). `client` gives the SDK
 * client (loaded on first use); a plain client works too.
 */
export const createStripePayments = (client: Stripe | (() => Promise<Stripe>)): PaymentProvider => {
  const sdk = async () => (typeof client === 'function' ? client() : client);
  return {
    createCustomer: ({ workspaceId, idempotencyKey }) =>
      callStripe(async () => {
        const stripe = await sdk();
        const customer = await stripe.customers.create({ metadata: { workspaceId } }, { idempotencyKey });
        return { customerId: customer.id };
      }),

    findPriceId: (lookupKey) =>
      callStripe(async () => {
        const stripe = await sdk();
        const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
        return prices.data[0]?.id ?? null;
      }),

    createCheckoutSession: (request) =>
      callStripe(async () => {
        const stripe = await sdk();
        const session = await stripe.checkout.sessions.create({
          mode: request.mode,
          customer: request.customerId,
          line_items: [{ price: request.priceId, quantity: 1 }],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          client_reference_id: request.clientReferenceId,
          metadata: request.metadata,
          // The subscription or payment carries the workspace too, for events that do not name the session.
          ...(request.mode === 'subscription'
            ? { subscription_data: { metadata: request.metadata } }
            : { payment_intent_data: { metadata: request.metadata }, invoice_creation: { enabled: true } }),
        });
        if (!session.url) throw new Error(`Stripe answered checkout session ${session.id} without a URL`);
        return { url: session.url };
      }),

    createPortalSession: ({ customerId, returnUrl }) =>
      callStripe(async () => {
        const stripe = await sdk();
        const session = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
        return { url: session.url };
      }),

    setCancelAtPeriodEnd: (subscriptionId, cancelAtPeriodEnd) =>
      callStripe(async () => {
        const stripe = await sdk();
        try {
          return toState(await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancelAtPeriodEnd }));
        } catch (error) {
          if (isStripeMissing(error)) return null;
          throw error;
        }
      }),
  };
};
