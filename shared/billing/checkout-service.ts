import type { Plan } from '../workspaces/index.ts';
import type { BillingAccount } from './billing-account.ts';
import { checkoutErrors } from './checkout-errors.ts';
import type { CheckoutPorts, SubscriptionState } from './checkout-ports.ts';
import { isAllowedReturnUrl } from './checkout-return-urls.ts';
import { findCreditPack, planOffer, type PackId } from './plans-catalog.ts';

/** What a workspace buys: a plan (a subscription) or a credit pack (a one-off payment). */
export type CheckoutItem = { plan: Plan } | { pack: PackId };

export interface CheckoutRequest {
  item: CheckoutItem;
  successUrl: string;
  cancelUrl: string;
}

/** Stripe statuses of a subscription that is over: a new checkout may start, cancel/resume have nothing to act on. */
const endedStatuses: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);

/**
 * The Stripe-facing billing API: Checkout for plans and packs, the billing portal, and
 * cancel-at-period-end. The workspace's customer is created on first need; concurrent first
 * needs share one customer (the provider's idempotency key plus the accounts' first-writer-wins insert).
 */
export const createCheckoutService = ({ accounts, subscriptions, payments, returnUrlOrigins, clock }: CheckoutPorts) => {
  const requireAllowed = (field: string, url: string) => {
    if (!isAllowedReturnUrl(url, returnUrlOrigins)) throw checkoutErrors.returnUrlNotAllowed(field);
  };

  const accountOf = async (workspaceId: string): Promise<BillingAccount> => {
    const found = await accounts.find(workspaceId);
    if (found) return found;
    const { customerId } = await payments.createCustomer({ workspaceId, idempotencyKey: `customer:${workspaceId}` });
    return accounts.insert({ workspaceId, customerId, createdAt: clock.now() });
  };

  const liveSubscriptionOf = async (workspaceId: string) => {
    const current = await subscriptions.current(workspaceId);
    return current && !endedStatuses.has(current.stripeStatus) ? current : null;
  };

  const priceIdOf = async (lookupKey: string) => {
    const priceId = await payments.findPriceId(lookupKey);
    if (!priceId) throw checkoutErrors.priceNotConfigured(lookupKey);
    return priceId;
  };

  /** What is sold, how, and what the session's metadata tells the webhook handlers. */
  const offerOf = async (
    workspaceId: string,
    item: CheckoutItem,
  ): Promise<{ mode: 'subscription' | 'payment'; lookupKey: string; metadata: Record<string, string> }> => {
    if ('plan' in item) {
      const offer = planOffer(item.plan);
      if (!offer.isSelfServe || offer.lookupKey === null) throw checkoutErrors.planNotPurchasable(item.plan);
      if (await liveSubscriptionOf(workspaceId)) throw checkoutErrors.subscriptionExists();
      return { mode: 'subscription', lookupKey: offer.lookupKey, metadata: { kind: 'plan', plan: offer.plan } };
    }
    // The request schema admits only catalog pack ids.
    const pack = findCreditPack(item.pack)!;
    return {
      mode: 'payment',
      lookupKey: pack.lookupKey,
      metadata: { kind: 'pack', packId: pack.id, credits: String(pack.credits), validityMonths: String(pack.validityMonths) },
    };
  };

  return {
    /** Starts a hosted Checkout; the URL to send the browser to. Throws RETURN_URL_NOT_ALLOWED, PLAN_NOT_PURCHASABLE, SUBSCRIPTION_EXISTS. */
    checkout: async (workspaceId: string, { item, successUrl, cancelUrl }: CheckoutRequest): Promise<{ url: string }> => {
      requireAllowed('successUrl', successUrl);
      requireAllowed('cancelUrl', cancelUrl);
      const { mode, lookupKey, metadata } = await offerOf(workspaceId, item);
      const [priceId, account] = await Promise.all([priceIdOf(lookupKey), accountOf(workspaceId)]);
      return payments.createCheckoutSession({
        mode,
        customerId: account.customerId,
        priceId,
        successUrl,
        cancelUrl,
        clientReferenceId: workspaceId,
        metadata: { workspaceId, ...metadata },
      });
    },

    /** A billing-portal session (payment methods, invoices, plan changes); the URL. Throws RETURN_URL_NOT_ALLOWED. */
    portal: async (workspaceId: string, returnUrl: string): Promise<{ url: string }> => {
      requireAllowed('returnUrl', returnUrl);
      const account = await accountOf(workspaceId);
      return payments.createPortalSession({ customerId: account.customerId, returnUrl });
    },

    /**
     * Cancels the subscription in force at the end of its period (`true`) or undoes that (`false`).
     * Throws NO_SUBSCRIPTION when the workspace has none in force. The stored snapshot follows
     * through the provider's `customer.subscription.updated` event.
     */
    setCancelAtPeriodEnd: async (workspaceId: string, cancelAtPeriodEnd: boolean): Promise<SubscriptionState> => {
      const current = await liveSubscriptionOf(workspaceId);
      if (!current) throw checkoutErrors.noSubscription();
      const updated = await payments.setCancelAtPeriodEnd(current.subscriptionId, cancelAtPeriodEnd);
      if (!updated) throw checkoutErrors.noSubscription();
      return updated;
    },
  };
};

export type CheckoutService = ReturnType<typeof createCheckoutService>;
