import { DomainError } from '../kernel/index.ts';

/** The ledger's errors (docs/architecture.md); the problem+json mapper turns the kind into a status. */
export const ledgerErrors = {
  /** 402 with the figures docs/product.md asks for: which limit, the plan, the balance, the cost and an upgrade link. */
  insufficientCredits: (figures: { plan: string; balance: number; cost: number; operation: string; upgradeUrl: string }) =>
    new DomainError('payment_required', 'INSUFFICIENT_CREDITS', {
      detail: `${figures.operation} costs ${figures.cost} credit(s); ${figures.balance} left.`,
      extensions: { limit: 'credits', ...figures },
    }),
  reservationNotFound: () => new DomainError('not_found', 'RESERVATION_NOT_FOUND', { detail: 'No such reservation.' }),
  reservationReleased: () =>
    new DomainError('conflict', 'RESERVATION_RELEASED', { detail: 'The reservation was released (it expired) before it was committed.' }),
  /** A key already used for other work (another operation, cost or actor): the first work's outcome is not this one's. */
  idempotencyKeyReused: () =>
    new DomainError('conflict', 'IDEMPOTENCY_KEY_REUSED', {
      detail: 'This idempotency key was used for another operation, cost or actor; use a new key for new work.',
    }),
  busy: () => new DomainError('unavailable', 'LEDGER_BUSY', { detail: 'Too many concurrent changes to these credits; try again.' }),
  invalidAmount: (detail: string) => new DomainError('invalid', 'INVALID_CREDIT_AMOUNT', { detail }),
  invalidRequest: (detail: string) => new DomainError('invalid', 'INVALID_CREDIT_REQUEST', { detail }),
};
