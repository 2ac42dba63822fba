import type { Reservation, ReserveRequest } from './ledger-reservations.ts';
import type { Ledger } from './ledger-service.ts';

/**
 * Runs credit-priced work (the AI and knowledge functions): reserve → run → commit; when `run`
 * throws, the reservation is released and the error rethrown. Should the release fail too, the
 * cron releases the reservation when it expires, and the work's error is still the one thrown.
 * @returns what `run` returned.
 * @throws INSUFFICIENT_CREDITS (402) before running anything; whatever `run` throws; a commit's
 *   error (e.g. RESERVATION_RELEASED when the work outlived the reservation).
 */
export const withCredits = async <T>(
  ledger: Pick<Ledger, 'reserve' | 'commit' | 'release'>,
  request: ReserveRequest,
  run: (reservation: Reservation) => Promise<T>,
): Promise<T> => {
  const reservation = await ledger.reserve(request);
  let result: T;
  try {
    result = await run(reservation);
  } catch (error) {
    await ledger.release(request.workspaceId, reservation.reservationId, request.actor).catch(() => undefined);
    throw error;
  }
  await ledger.commit(request.workspaceId, reservation.reservationId, request.actor);
  return result;
};
