import { DomainError } from '../kernel/index.ts';

/** Errors of the Stripe webhook intake and handlers (docs/architecture.md). */
export const webhookErrors = {
  /** Missing, malformed, wrongly signed or expired (beyond the tolerance) `Stripe-Signature`. */
  invalidSignature: (cause?: unknown) =>
    new DomainError('invalid', 'INVALID_SIGNATURE', { detail: 'The Stripe-Signature header does not verify.', cause }),
  /** A verified body that is not a Stripe event we can read. */
  invalidEvent: (detail: string) => new DomainError('invalid', 'INVALID_STRIPE_EVENT', { detail }),
  /** The event names no plan we sell (a price without a `uxflow_plan_<plan>_<interval>` lookup key). */
  unknownPlan: (detail: string) => new DomainError('invalid', 'STRIPE_PLAN_UNKNOWN', { detail }),
  /**
   * The event cannot be applied yet (e.g. a subscription event for a customer whose checkout event
   * has not arrived): thrown so that the broker redelivers it later.
   */
  notYet: (detail: string) => new DomainError('unavailable', 'STRIPE_EVENT_NOT_APPLICABLE_YET', { detail }),
};
