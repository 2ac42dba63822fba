import type { Reservation, ReserveRequest } from './ledger-reservations.ts';
import type { Ledger } from './ledger-service.ts';

/** A repeat of work already reserved under the same key: its reservation and how it was settled (null: not yet). */
export interface ReplayedWork {
  reservation: Reservation;
  settlement: 'committed' | 'released' | null;
}

/** Credit-priced work: how to do it, and how to answer a repeat of it without doing it again. */
export interface CreditedWork<T> {
  run: (reservation: Reservation) => Promise<T>;
  /**
   * Called instead of `run` when the idempotency key already reserved the same work (same
   * operation, cost and actor): give the first outcome (e.g. the result stored under the
   * reservation id), or throw when there is none to give (the first run failed or is still going).
   */
  replay: (first: ReplayedWork) => Promise<T>;
}

/**
 * Runs credit-priced work (the AI and knowledge functions): reserve → run → commit; when `run`
 * throws, the reservation is released and the error rethrown. Should the release fail too, the
 * cron releases the reservation when it expires, and the work's error is still the one thrown.
 * A repeated key never runs the work twice nor charges twice: the same work is replayed, other
 * work is refused.
 * @returns what `run` (or, for a repeat, `replay`) returned.
 * @throws INSUFFICIENT_CREDITS (402) before running anything; IDEMPOTENCY_KEY_REUSED (409) when the
 *   key reserved other work; whatever `run` or `replay` throws; a commit's error (e.g.
 *   RESERVATION_RELEASED when the work outlived the reservation).
 */
export const withCredits = async <T>(
  ledger: Pick<Ledger, 'reserve' | 'commit' | 'release' | 'settlement'>,
  request: ReserveRequest,
  work: CreditedWork<T>,
): Promise<T> => {
  const reservation = await ledger.reserve(request);
  if (reservation.replayed) {
    return work.replay({ reservation, settlement: await ledger.settlement(request.workspaceId, reservation.reservationId) });
  }
  let result: T;
  try {
    result = await work.run(reservation);
  } catch (error) {
    await ledger.release(request.workspaceId, reservation.reservationId, request.actor).catch(() => undefined);
    throw error;
  }
  await ledger.commit(request.workspaceId, reservation.reservationId, request.actor);
  return result;
};
