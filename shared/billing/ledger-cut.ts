/**
 * Billing records are kept 10 years. A workspace's credit ledger loses its oldest entries then,
 * cut where nothing spans the cut: after an entry with no reservation left open (a reserve's commit
 * or release on the far side would settle an unknown reservation), and never at the head (its
 * balances are the workspace's balance; the next entry is numbered after it). The entries kept
 * still reconcile: the first one's balances, less its amount, open the running sum.
 */
export interface LedgerCutEntry {
  seq: number;
  type: string;
  reservationId: string | null;
  at: Date;
}

export const billingRetentionYears = 10;

export const billingRetentionBound = (now: Date): Date => {
  const bound = new Date(now.getTime());
  bound.setUTCFullYear(bound.getUTCFullYear() - billingRetentionYears);
  return bound;
};

/**
 * The number through which a ledger's entries may go: the last entry older than `bound`, below the
 * head, after which no reservation is open (0: none). `oldest` is the ledger from its first kept
 * entry, in number order, as far as it is older than `bound`.
 */
export const ledgerCut = (oldest: readonly LedgerCutEntry[], headSeq: number, bound: Date): number => {
  const open = new Set<string>();
  let cut = 0;
  for (const entry of oldest) {
    if (entry.at.getTime() >= bound.getTime() || entry.seq >= headSeq) break;
    if (entry.type === 'reserve' && entry.reservationId) open.add(entry.reservationId);
    if ((entry.type === 'commit' || entry.type === 'release') && entry.reservationId) open.delete(entry.reservationId);
    if (open.size === 0) cut = entry.seq;
  }
  return cut;
};
