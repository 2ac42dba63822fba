import type { Db } from 'mongodb';
import type { LedgerEntry, LedgerStore } from '../../billing/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const ledgerCollection = defineCollection({
  name: 'credit_ledger',
  privacy: {
    classes: ['financial', 'pseudonymous'],
    personalData: ['billing', 'usage'],
    retention: 'billing-records',
    subject: { workspaceId: 'workspaceId', userId: 'actor' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [
    // An entry commits by its insert, unique on the workspace's number; a repeated idempotency key is
    // the same insert failing on the second index (both fields always present).
    { name: 'credit_ledger_workspace_seq_unique', keys: { workspaceId: 1, seq: 1 }, unique: true },
    { name: 'credit_ledger_workspace_key_unique', keys: { workspaceId: 1, idempotencyKey: 1 }, unique: true },
    { name: 'credit_ledger_reservation', keys: { reservationId: 1 } },
    // Usage: a workspace's commits in a range of days, and one day's commits of every workspace for the
    // roll-up (ranges: indexes on MongoDB, bounded scans on FerretDB).
    { name: 'credit_ledger_workspace_type_at', keys: { workspaceId: 1, type: 1, at: 1 } },
    { name: 'credit_ledger_type_at', keys: { type: 1, at: 1 } },
  ],
});
/** reservation id → where its reserve entry is. */
export const ledgerReservationPointerCollection = defineCollection({
  name: 'credit_reservation_pointers',
  privacy: noPersonalData('which reservation a ledger entry settles (ids only)', 'billing-records', ['financial']),
});
export const ledgerHeadCollection = defineCollection({
  name: 'credit_ledger_heads',
  privacy: noPersonalData('the newest entry number per workspace ledger (a hint)', 'billing-records', ['financial']),
});
/**
 * Where retention cut a ledger's start (shared/billing/ledger-cut.ts): `_id` `<workspaceId>:<through>`,
 * insert-only (a later cut is a new record), written before the entries go; the reconcile check
 * accepts a ledger that starts after one.
 */
export const ledgerCutCollection = defineCollection({
  name: 'credit_ledger_cuts',
  privacy: noPersonalData('where the 10-year retention cut a workspace ledger (ids and numbers)', 'billing-records', ['financial']),
  indexes: [{ name: 'credit_ledger_cuts_workspace', keys: { workspaceId: 1 } }],
});

/** A stored entry: `_id` is `<workspaceId>:<seq>`, so the next entry is found by `_id` equality. */
export interface LedgerEntryDocument extends LedgerEntry {
  _id: string;
  schemaVersion: 1;
}

/** A hint of a workspace's latest number; may lag behind (never ahead): the reader probes forward. */
interface LedgerHeadDocument {
  _id: string;
  seq: number;
  schemaVersion: 1;
}

export const ledgerEntryId = (workspaceId: string, seq: number) => `${workspaceId}:${seq}`;

/** The entry a stored document holds. */
export const toLedgerEntry = ({ _id, schemaVersion: _s, ...entry }: LedgerEntryDocument): LedgerEntry => entry;

// Per-instance memory of the highest number seen: a writer that lost a race starts its next read
// there (two reads instead of three); it also survives a hint lowered by racing updates on FerretDB.
const maxRemembered = 5000;

/**
 * `credit_ledger`: unique on `(workspaceId, seq)` (and on `_id`, the same pair) — the commit point —
 * and on `(workspaceId, idempotencyKey)`. `credit_ledger_heads` only speeds up `latest`.
 */
export const createLedgerEntryStore = (db: Db): LedgerStore => {
  const entries = ledgerCollection.in<LedgerEntryDocument>(db);
  const heads = ledgerHeadCollection.in<LedgerHeadDocument>(db);
  // Where each reservation's entry is: commit and release find it by `_id`, not by a scan (FerretDB
  // uses indexes only for `_id`). Derived: a missing pointer (a crash after the append) falls back to the scan.
  const pointers = ledgerReservationPointerCollection.in<{ _id: string; workspaceId: string; seq: number }>(db);
  const remembered = new Map<string, number>();
  const remember = (workspaceId: string, seq: number) => {
    if ((remembered.get(workspaceId) ?? 0) >= seq) return;
    if (remembered.size >= maxRemembered) remembered.clear();
    remembered.set(workspaceId, seq);
  };

  const findByKey = async (workspaceId: string, idempotencyKey: string) => {
    const found = await entries.findOne({ workspaceId, idempotencyKey });
    return found ? toLedgerEntry(found) : null;
  };
  const findSeq = (workspaceId: string, seq: number) => entries.findOne({ _id: ledgerEntryId(workspaceId, seq) });

  /** Raises the hint (never lowers it on MongoDB; a lowered hint on FerretDB only costs probes). */
  const raiseHead = async (workspaceId: string, seq: number) => {
    try {
      await heads.updateOne({ _id: workspaceId, seq: { $lt: seq } }, { $set: { seq, schemaVersion: 1 } }, { upsert: true });
    } catch (error) {
      // The hint is higher already: the filter missed and the upsert met the existing `_id`.
      if (!isDuplicateKey(error)) throw error;
    }
  };

  /**
   * Which unique index an insert broke (the error does not say on FerretDB). A winner's insert is
   * visible once it failed ours, so: the number is free → the key is taken; the number holds our
   * key → taken by a repeat of this change; the number holds another key → the number is taken
   * (should our key be taken too, the retry finds it). Probing by `_id` keeps this off `findByKey`,
   * which FerretDB answers with a collection scan.
   */
  const whichIndex = async (entry: LedgerEntry): Promise<'seq_taken' | 'key_taken'> => {
    const holder = await findSeq(entry.workspaceId, entry.seq);
    if (holder) {
      remember(entry.workspaceId, holder.seq);
      return holder.idempotencyKey === entry.idempotencyKey ? 'key_taken' : 'seq_taken';
    }
    return (await findByKey(entry.workspaceId, entry.idempotencyKey)) ? 'key_taken' : 'seq_taken';
  };

  const headSeq = async (workspaceId: string) => (await heads.findOne({ _id: workspaceId }))?.seq ?? 0;

  /** Where to start probing: this instance's memory, else the hint; null before the first entry. */
  const startPoint = async (workspaceId: string) => {
    const seq = remembered.get(workspaceId) ?? (await headSeq(workspaceId));
    if (seq === 0) return null;
    const entry = await findSeq(workspaceId, seq);
    // A start point without its entry (a restored or hand-edited database): scan (sorted in memory on FerretDB).
    return entry ?? (await entries.find({ workspaceId }).sort({ seq: -1 }).limit(1).toArray())[0] ?? null;
  };

  const latest = async (workspaceId: string): Promise<LedgerEntry | null> => {
    let found = await startPoint(workspaceId);
    for (let probes = 1; ; probes++) {
      const next = await findSeq(workspaceId, (found?.seq ?? 0) + 1);
      if (!next) break;
      found = next;
      if (probes % 8 === 0) {
        // The memory is far behind (this instance was idle while others wrote): jump to the hint.
        const hint = await headSeq(workspaceId);
        if (hint > found.seq) found = (await findSeq(workspaceId, hint)) ?? found;
      }
    }
    if (found) remember(workspaceId, found.seq);
    return found ? toLedgerEntry(found) : null;
  };

  return {
    append: async (entry) => {
      try {
        await entries.insertOne({ ...entry, _id: ledgerEntryId(entry.workspaceId, entry.seq), schemaVersion: 1 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return whichIndex(entry);
      }
      remember(entry.workspaceId, entry.seq);
      await raiseHead(entry.workspaceId, entry.seq);
      if (entry.type === 'reserve' && entry.reservationId !== null) {
        await pointers.insertOne({ _id: entry.reservationId, workspaceId: entry.workspaceId, seq: entry.seq }).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      }
      return 'appended';
    },
    latest,
    findByKey,
    findReservation: async (workspaceId, reservationId) => {
      const pointer = await pointers.findOne({ _id: reservationId });
      const byPointer = pointer?.workspaceId === workspaceId ? await findSeq(workspaceId, pointer.seq) : null;
      const found =
        byPointer?.reservationId === reservationId ? byPointer : await entries.findOne({ reservationId, workspaceId, type: 'reserve' });
      return found ? toLedgerEntry(found) : null;
    },
    list: async (workspaceId, { before, limit }) => {
      const filter = before === null ? { workspaceId } : { workspaceId, seq: { $lt: before } };
      const found = await entries.find(filter).sort({ seq: -1 }).limit(limit).toArray();
      return found.map(toLedgerEntry);
    },
  };
};
