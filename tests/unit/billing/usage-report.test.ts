import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../shared/billing/index.ts';
import { ledgerEntry } from '../../support/ledger-entry.ts';
import { addDays, chargesOf, daysBetween, groupCharges, sortGroups, usageDayOf } from '../../../shared/billing/usage-report.ts';

const entry = (fields: Partial<LedgerEntry>): LedgerEntry =>
  ledgerEntry({ idempotencyKey: 'k', at: new Date('2024-02-28T12:00:00Z'), actor: 'usr_a', ...fields });

describe('usage days', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-01-01', -1, '2023-12-31'],
  ])('should give %s + %i days = %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('should list both ends when listing a range and nothing when it is reversed', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysBetween('2024-03-01', '2024-02-28')).toEqual([]);
  });
});

describe('chargesOf', () => {
  const reserve = entry({ type: 'reserve', amount: -6, reservationId: 'rsv_1', operation: 'ai.plan', actor: 'usr_b' });

  it('should price a commit at its reserve and name the reserve’s operation and actor on the commit’s UTC day', () => {
    const commit = entry({ type: 'commit', reservationId: 'rsv_1', actor: 'usr_c', at: new Date('2024-02-29T23:59:59.999Z') });
    expect(chargesOf([commit], new Map([['rsv_1', reserve]]))).toEqual([
      { day: '2024-02-29', operation: 'ai.plan', actor: 'usr_b', credits: 6 },
    ]);
  });

  it('should leave out commits without a known reserve and entries that are not commits', () => {
    const orphan = entry({ type: 'commit', reservationId: 'rsv_gone' });
    const release = entry({ type: 'release', reservationId: 'rsv_1' });
    expect(chargesOf([orphan, release], new Map([['rsv_1', reserve]]))).toEqual([]);
  });
});

describe('grouping', () => {
  const charges = [
    { day: '2024-01-02', operation: 'ai.chat', actor: 'usr_a', credits: 1 },
    { day: '2024-01-01', operation: 'ai.generate', actor: 'usr_b', credits: 10 },
    { day: '2024-01-02', operation: 'ai.chat', actor: 'usr_b', credits: 1 },
  ];

  it('should sort by most credits when grouped by operation and by date when grouped by day', () => {
    expect(sortGroups(groupCharges(charges, 'operation'), 'operation')).toEqual([
      { key: 'ai.generate', credits: 10, count: 1 },
      { key: 'ai.chat', credits: 2, count: 2 },
    ]);
    expect(sortGroups(groupCharges(charges, 'day'), 'day').map((group) => group.key)).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('should total a day by operation and by user when rolling it up', () => {
    const day = usageDayOf('wsp_1', '2024-01-02', charges.slice(0, 1).concat(charges.slice(2)), new Date(0));
    expect(day).toMatchObject({ credits: 2, count: 2, byOperation: [{ key: 'ai.chat', credits: 2, count: 2 }] });
    expect(day.byUser).toHaveLength(2);
  });
});
