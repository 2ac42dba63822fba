import { DomainError } from '../kernel/index.ts';

/** The billing API's errors (docs/architecture.md); the problem+json mapper turns the kind into a status. */
export const checkoutErrors = {
  returnUrlNotAllowed: (field: string) =>
    new DomainError('invalid', 'RETURN_URL_NOT_ALLOWED', {
      detail: `${field} must point to one of the web client's origins.`,
      extensions: { field },
    }),
  planNotPurchasable: (plan: string) =>
    new DomainError('unprocessable', 'PLAN_NOT_PURCHASABLE', {
      detail:
        plan === 'free'
          ? 'The free plan needs no checkout; cancel the subscription instead.'
          : `The ${plan} plan is not sold through self-serve checkout; contact sales.`,
      extensions: { plan },
    }),
  subscriptionExists: () =>
    new DomainError('conflict', 'SUBSCRIPTION_EXISTS', {
      detail: 'The workspace already has a subscription; change its plan in the billing portal.',
    }),
  noSubscription: () => new DomainError('conflict', 'NO_SUBSCRIPTION', { detail: 'The workspace has no subscription in force.' }),
  priceNotConfigured: (lookupKey: string) =>
    new DomainError('unavailable', 'PRICE_NOT_CONFIGURED', {
      detail: 'This offer is not available for purchase right now.',
      extensions: { lookupKey },
    }),
  providerUnavailable: (cause: unknown) =>
    new DomainError('unavailable', 'PAYMENT_PROVIDER_UNAVAILABLE', { detail: 'The payment provider did not answer; try again.', cause }),
};
