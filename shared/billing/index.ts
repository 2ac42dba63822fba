export * from './ledger-entry.ts';
export * from './ledger-errors.ts';
export * from './ledger-ports.ts';
export * from './ledger-rules.ts';
export * from './ledger-service.ts';
export type { Reservation, ReserveRequest, ReleaseExpiredResult } from './ledger-reservations.ts';
export { reservationTtlMs } from './ledger-reservations.ts';
export type { PackGrant } from './ledger-grants.ts';
export * from './credit-gate.ts';
