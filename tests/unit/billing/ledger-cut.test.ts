import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../../scripts/billing-reconcile.ts';
import { billingRetentionBound, ledgerCut, withTotal, type LedgerEntry } from '../../../shared/billing/index.ts';
import { ledgerEntry } from '../../support/ledger-entry.ts';

const old = new Date('2015-03-01T00:00:00Z');
const recent = new Date('2026-03-01T00:00:00Z');
const bound = billingRetentionBound(new Date('2026-12-06T00:00:00Z'));
const cutEntry = (seq: number, type: string, reservationId: string | null, at = old) => ({ seq, type, reservationId, at });

describe('where the 10-year retention cuts a ledger', () => {
  it('should cut after the last old entry that leaves no reservation open', () => {
    const entries = [cutEntry(1, 'grant', null), cutEntry(2, 'reserve', 'r1'), cutEntry(3, 'commit', 'r1'), cutEntry(4, 'reserve', 'r2')];
    expect(ledgerCut(entries, 7, bound)).toBe(3);
  });

  it('should never cut the head, nor past the first recent entry', () => {
    expect(ledgerCut([cutEntry(1, 'grant', null), cutEntry(2, 'grant', null)], 2, bound)).toBe(1);
    expect(ledgerCut([cutEntry(1, 'grant', null), cutEntry(2, 'grant', null, recent)], 5, bound)).toBe(1);
    expect(ledgerCut([cutEntry(1, 'reserve', 'r1'), cutEntry(2, 'release', 'r1', recent)], 5, bound)).toBe(0);
  });
});

describe('reconciling a ledger cut by retention', () => {
  const kept: LedgerEntry[] = [
    ledgerEntry({ seq: 4, type: 'grant', amount: 10, balances: withTotal(60, []) }),
    ledgerEntry({
      seq: 5,
      type: 'reserve',
      amount: -3,
      balances: withTotal(57, []),
      reservationId: 'rsv_9',
      allocation: { plan: 3, packs: [] },
    }),
    ledgerEntry({ seq: 6, type: 'commit', amount: 0, balances: withTotal(57, []), reservationId: 'rsv_9' }),
  ];

  it('should open the running sum with the first kept entry when a cut record covers the gap', () => {
    expect(checkWorkspace(kept, 3)).toEqual([]);
  });

  it('should report the missing start without a cut record, or with one that does not reach the gap', () => {
    expect(checkWorkspace(kept).map((p) => p.problem)).toContain('seq 4 where 1 was expected');
    expect(checkWorkspace(kept, 2).map((p) => p.problem)).toContain('seq 4 where 1 was expected');
  });

  it('should accept a settlement whose reserve went with an interrupted cut, only up to the cut', () => {
    const settled = [ledgerEntry({ seq: 3, type: 'commit', amount: 0, balances: withTotal(50, []), reservationId: 'rsv_1' }), ...kept];
    expect(checkWorkspace(settled, 3)).toEqual([]);
    expect(checkWorkspace(settled, 2).length).toBeGreaterThan(0);
  });
});
