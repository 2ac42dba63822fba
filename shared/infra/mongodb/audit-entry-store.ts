import type { Db, Filter } from 'mongodb';
import { entryId, type AuditEntry, type AuditEntryStore } from '../../audit/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const auditLogCollection = defineCollection({
  name: 'audit_log',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['security', 'identity'],
    retention: 'audit-log',
    subject: { userId: 'actor.userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: {
      none: 'hash-chained entries cannot change: they hold ids and salted hashes only; the clear values live in audit_personal, which erasure deletes',
    },
  },
  indexes: [
    // The commit point: one entry per chain and number (`_id` is the same pair, for probing by equality).
    { name: 'audit_log_chain_seq_unique', keys: { chain: 1, seq: 1 }, unique: true },
    // Idempotency: a key (an event id, a record's id) is recorded once, whatever its chain.
    { name: 'audit_log_key_unique', keys: { key: 1 }, unique: true },
    // Staff search: newest first, by workspace, actor or action (ranges scan on FerretDB).
    { name: 'audit_log_at', keys: { at: -1 } },
    { name: 'audit_log_workspace_at', keys: { workspaceId: 1, at: -1 } },
    { name: 'audit_log_actor_at', keys: { 'actor.userId': 1, at: -1 } },
    { name: 'audit_log_action_at', keys: { action: 1, at: -1 } },
  ],
});

/** One document per chain: its id lists the chains; its `seq` hints at the head (may lag, never lead). */
export const auditHeadCollection = defineCollection({
  name: 'audit_heads',
  privacy: noPersonalData('the newest entry number per audit chain (a hint)', 'audit-log'),
});

/** A stored entry: the chained form with `at` as a date (for range queries), its hash and `_id`. */
interface AuditEntryDocument extends Omit<AuditEntry, 'at'> {
  at: Date;
  schemaVersion: 1;
}

interface AuditHeadDocument {
  _id: string;
  seq: number;
  schemaVersion: 1;
}

/** The entry a document holds, as the chain hashed it; any member a hand edit added stays, so the verifier sees it. */
export const toAuditEntry = ({ schemaVersion, at, ...rest }: AuditEntryDocument): AuditEntry => {
  // As stored, not as typed: a hand-edited `at` or version must reach the verifier unchanged.
  const stored: unknown = at;
  const version: unknown = schemaVersion;
  return {
    ...rest,
    at: stored instanceof Date ? stored.toISOString() : (stored as string),
    ...(version === 1 ? {} : { schemaVersion: version }),
  };
};

const maxRemembered = 5000;

/**
 * `audit_log` and its head hints, written like the credit ledger: the insert unique on
 * `(chain, seq)` commits; `latest` probes forward by `_id` from a hint (FerretDB uses indexes
 * only for equality, so a sorted read would scan the chain).
 */
export const createAuditEntryStore = (db: Db): AuditEntryStore => {
  const entries = auditLogCollection.in<AuditEntryDocument>(db);
  const heads = auditHeadCollection.in<AuditHeadDocument>(db);
  const remembered = new Map<string, number>();
  const remember = (chain: string, seq: number) => {
    if ((remembered.get(chain) ?? 0) >= seq) return;
    if (remembered.size >= maxRemembered) remembered.clear();
    remembered.set(chain, seq);
  };
  const findSeq = (chain: string, seq: number) => entries.findOne({ _id: entryId(chain, seq) });
  const headSeq = async (chain: string) => (await heads.findOne({ _id: chain }))?.seq ?? 0;

  const raiseHead = async (chain: string, seq: number) => {
    try {
      await heads.updateOne({ _id: chain, seq: { $lt: seq } }, { $set: { seq, schemaVersion: 1 } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  };

  const latest = async (chain: string): Promise<AuditEntry | null> => {
    const start = remembered.get(chain) ?? (await headSeq(chain));
    let found =
      start === 0
        ? null
        : ((await findSeq(chain, start)) ?? (await entries.find({ chain }).sort({ seq: -1 }).limit(1).toArray())[0] ?? null);
    for (let probes = 1; ; probes++) {
      const next = await findSeq(chain, (found?.seq ?? 0) + 1);
      if (!next) break;
      found = next;
      if (probes % 8 === 0) {
        const hint = await headSeq(chain);
        if (hint > found.seq) found = (await findSeq(chain, hint)) ?? found;
      }
    }
    if (found) remember(chain, found.seq);
    return found ? toAuditEntry(found) : null;
  };

  const findByKey = async (key: string) => {
    const found = await entries.findOne({ key });
    return found ? toAuditEntry(found) : null;
  };

  return {
    append: async (entry) => {
      // The chain is listed before its first entry exists, so no chain escapes the cron and the verifier.
      if (entry.seq === 1)
        await heads.insertOne({ _id: entry.chain, seq: 0, schemaVersion: 1 }).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      try {
        await entries.insertOne({ ...entry, at: new Date(entry.at), schemaVersion: 1 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Which index? The number's holder tells (by `_id`); the key lookup only when the number is free.
        const holder = await findSeq(entry.chain, entry.seq);
        if (holder) {
          remember(entry.chain, holder.seq);
          return holder.key === entry.key ? 'key_taken' : 'seq_taken';
        }
        return (await findByKey(entry.key)) ? 'key_taken' : 'seq_taken';
      }
      remember(entry.chain, entry.seq);
      await raiseHead(entry.chain, entry.seq);
      return 'appended';
    },
    latest,
    findByKey,
    range: async (chain, afterSeq, limit) =>
      (
        await entries
          .find({ chain, seq: { $gt: afterSeq } })
          .sort({ seq: 1 })
          .limit(limit)
          .toArray()
      ).map(toAuditEntry),
    removeThrough: async (chain, throughSeq, limit) => {
      // Oldest first, one batch at a time: a run that stops leaves the chain cut at its start, never holed.
      const batch = await entries
        .find({ chain, seq: { $lte: throughSeq } }, { projection: { _id: 1, key: 1, seq: 1 } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray();
      for (const entry of batch) await entries.deleteOne({ _id: entry._id });
      return batch.map((entry) => entry.key);
    },
    newest: async (chain, beforeSeq, limit) =>
      (
        await entries
          .find(beforeSeq === null ? { chain } : { chain, seq: { $lt: beforeSeq } })
          .sort({ seq: -1 })
          .limit(limit)
          .toArray()
      ).map(toAuditEntry),
    chains: async (afterChain, limit) =>
      (
        await heads
          .find(afterChain === null ? {} : { _id: { $gt: afterChain } })
          .sort({ _id: 1 })
          .limit(limit)
          .toArray()
      ).map((head) => head._id),
    search: async (filter, before, limit) => {
      const query: Filter<AuditEntryDocument> = {};
      if (filter.actorId)
        Object.assign(query, filter.actorId.startsWith('usr_') ? { 'actor.userId': filter.actorId } : { 'actor.id': filter.actorId });
      if (filter.action) query.action = filter.action;
      if (filter.workspaceId) query.workspaceId = filter.workspaceId;
      if (filter.from || filter.to) query.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
      if (before) query.$or = [{ at: { $lt: before.at } }, { at: before.at, _id: { $lt: before.id } }];
      return (await entries.find(query).sort({ at: -1, _id: -1 }).limit(limit).toArray()).map(toAuditEntry);
    },
  };
};
