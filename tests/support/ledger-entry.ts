import type { LedgerEntry } from '../../shared/billing/index.ts';

/**
 * A ledger entry for tests: an empty grant numbered 1 of `wsp_1` unless `fields` say otherwise; the
 * idempotency key follows the number (`k<seq>`), as the checker's fixtures expect.
 */
export const ledgerEntry = (fields: Partial<LedgerEntry> = {}): LedgerEntry => {
  const seq = fields.seq ?? 1;
  return {
    workspaceId: 'wsp_1',
    seq,
    type: 'grant',
    amount: 0,
    balances: { plan: 0, packs: [], total: 0 },
    idempotencyKey: `k${seq}`,
    at: new Date(),
    actor: 'test',
    reservationId: null,
    operation: null,
    allocation: null,
    expiresAt: null,
    note: null,
    ...fields,
  };
};
