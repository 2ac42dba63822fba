import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../../scripts/billing-reconcile.ts';
import type { Allocation, LedgerEntry, PackBalance } from '../../../shared/billing/index.ts';
import { withTotal } from '../../../shared/billing/index.ts';
import { ledgerEntry } from '../../support/ledger-entry.ts';

const expiresAt = new Date('2030-01-01T00:00:00Z');
const pack = (packId: string, remaining: number): PackBalance => ({ packId, remaining, expiresAt });

type Draft = Partial<LedgerEntry> & Pick<LedgerEntry, 'type' | 'amount' | 'balances'>;
const entry = (fields: Draft): Draft => fields;
const reserve = (amount: number, allocation: Allocation, plan: number, packs: PackBalance[]) =>
  entry({ type: 'reserve', amount: -amount, balances: withTotal(plan, packs), reservationId: 'rsv_1', allocation });
/** Numbers the drafts 1, 2, 3… as the ledger would, and lists the checker's findings. */
const problemsOf = (drafts: Draft[]) =>
  checkWorkspace(drafts.map((fields, index) => ledgerEntry({ seq: index + 1, ...fields }))).map(
    (found) => `${found.seq}: ${found.problem}`,
  );

describe('checkWorkspace', () => {
  it('should accept a release that forfeits the part of a pack removed before it', () => {
    const entries = [
      entry({ type: 'grant', amount: 2, balances: withTotal(2, []) }),
      entry({ type: 'grant', amount: 3, balances: withTotal(2, [pack('p', 3)]) }),
      reserve(4, { plan: 2, packs: [{ packId: 'p', amount: 2 }] }, 0, [pack('p', 1)]),
      entry({ type: 'expire', amount: -1, balances: withTotal(0, []) }),
      entry({ type: 'release', amount: 2, balances: withTotal(2, []), reservationId: 'rsv_1', allocation: { plan: 2, packs: [] } }),
    ];
    expect(problemsOf(entries)).toEqual([]);
  });

  it('should report a release that gives back more or less than its reserve took', () => {
    const entries = [
      entry({ type: 'grant', amount: 5, balances: withTotal(5, []) }),
      reserve(3, { plan: 3, packs: [] }, 2, []),
      entry({ type: 'release', amount: 2, balances: withTotal(4, []), reservationId: 'rsv_1', allocation: { plan: 2, packs: [] } }),
    ];
    expect(problemsOf(entries)).toEqual(["3: release gave back 2; its reserve's buckets hold 3"]);
  });

  it('should report a reservation settled twice and a commit that moved the balance', () => {
    const entries = [
      entry({ type: 'grant', amount: 5, balances: withTotal(5, []) }),
      reserve(1, { plan: 1, packs: [] }, 4, []),
      entry({ type: 'commit', amount: 0, balances: withTotal(4, []), reservationId: 'rsv_1' }),
      entry({ type: 'commit', amount: -1, balances: withTotal(3, []), reservationId: 'rsv_1' }),
    ];
    expect(problemsOf(entries)).toEqual(['4: reservation rsv_1 settled twice', '4: commit with amount -1']);
  });

  it('should report a reserve whose allocation does not add up to its amount', () => {
    const entries = [entry({ type: 'grant', amount: 5, balances: withTotal(5, []) }), reserve(2, { plan: 1, packs: [] }, 3, [])];
    expect(problemsOf(entries)).toEqual(['2: reserve of 2 allocated 1']);
  });
});
