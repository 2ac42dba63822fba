import type { BillingAccounts, SubscriptionSnapshots } from './billing-account.ts';

/** A subscription as the payment provider answered it after a change. */
export interface SubscriptionState {
  subscriptionId: string;
  /** The provider's own status (`active`, `trialing`, `past_due`…). */
  status: string;
  cancelAtPeriodEnd: boolean;
  /** End of the current period; null when the provider did not say. */
  currentPeriodEnd: Date | null;
}

export interface CheckoutSessionRequest {
  mode: 'subscription' | 'payment';
  customerId: string;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
  /** The workspace id: Stripe hands it back on `checkout.session.completed`. */
  clientReferenceId: string;
  /** Copied onto the session (and the subscription or payment it creates). String values only. */
  metadata: Record<string, string>;
}

/**
 * The payment provider (Stripe), as the checkout service needs it. Every method throws a
 * DomainError of kind `unavailable` when the provider cannot be reached or fails.
 */
export interface PaymentProvider {
  /**
   * Creates a customer carrying `workspaceId` in its metadata. `idempotencyKey` makes a repeated
   * call (within the provider's idempotency window, 24 h at Stripe) answer the same customer.
   */
  createCustomer: (input: { workspaceId: string; idempotencyKey: string }) => Promise<{ customerId: string }>;
  /** The id of the active price with this lookup key, or null when none exists. */
  findPriceId: (lookupKey: string) => Promise<string | null>;
  /** A hosted Checkout session; its URL. */
  createCheckoutSession: (request: CheckoutSessionRequest) => Promise<{ url: string }>;
  /** A hosted billing-portal session; its URL. */
  createPortalSession: (input: { customerId: string; returnUrl: string }) => Promise<{ url: string }>;
  /** Sets `cancel_at_period_end`; null when the provider knows no such subscription. */
  setCancelAtPeriodEnd: (subscriptionId: string, cancelAtPeriodEnd: boolean) => Promise<SubscriptionState | null>;
}

/** What the checkout service is built on. */
export interface CheckoutPorts {
  accounts: BillingAccounts;
  subscriptions: SubscriptionSnapshots;
  payments: PaymentProvider;
  /** Origins (`scheme://host[:port]`) that success, cancel and return URLs may point to. */
  returnUrlOrigins: readonly string[];
  clock: { now: () => Date };
}
