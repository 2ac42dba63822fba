import { checkoutErrors } from '../../billing/checkout-errors.ts';

/** The SDK's errors, told apart by their `type` (the SDK class is loaded lazily, so no `instanceof`). */
interface StripeErrorShape {
  type: string;
  code?: string | undefined;
  statusCode?: number | undefined;
}

const stripeErrorOf = (error: unknown): StripeErrorShape | null => {
  const type = error instanceof Error ? (error as unknown as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type.startsWith('Stripe') ? (error as StripeErrorShape) : null;
};

const unavailableTypes = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError', 'StripeIdempotencyError']);

/** Whether Stripe said the object does not exist (a 404 `resource_missing`). */
export const isStripeMissing = (error: unknown): boolean =>
  stripeErrorOf(error)?.type === 'StripeInvalidRequestError' && stripeErrorOf(error)?.code === 'resource_missing';

/**
 * Maps what Stripe throws to our errors: an outage, a rate limit, a 5xx or a lost connection is
 * `PAYMENT_PROVIDER_UNAVAILABLE` (503, safe to retry); anything else (a request Stripe refuses,
 * a bad key) is our bug and stays an internal error. SDK types never leave this folder.
 */
export const fromStripeError = (error: unknown): unknown => {
  const stripeError = stripeErrorOf(error);
  if (stripeError && (unavailableTypes.has(stripeError.type) || (stripeError.statusCode ?? 0) >= 500)) {
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
