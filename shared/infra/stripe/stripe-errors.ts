import Stripe from 'stripe';
import { checkoutErrors } from '../../billing/checkout-errors.ts';

/** Whether Stripe said the object does not exist (a 404 `resource_missing`). */
export const isStripeMissing = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';

/**
 * Maps what Stripe throws to our errors: an outage, a rate limit, a 5xx or a lost connection is
 * `PAYMENT_PROVIDER_UNAVAILABLE` (503, safe to retry); anything else (a request Stripe refuses,
 * a bad key) is our bug and stays an internal error. SDK types never leave this folder.
 */
export const fromStripeError = (error: unknown): unknown => {
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeIdempotencyError ||
    (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500)
  ) {
    return checkoutErrors.providerUnavailable(error);
  }
  return error;
};

/** Runs a Stripe call, mapping its errors (see `fromStripeError`). */
export const callStripe = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw fromStripeError(error);
  }
};
