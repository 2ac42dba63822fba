import type { Db } from 'mongodb';
import type { ErasureReceipt, ErasureRun, ErasureRunPorts, StepRecord } from '../../privacy/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { erasureRequestCollection } from './erasure-store.ts';

const runPrivacy = (what: string) =>
  ({
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'erased-accounts',
    subject: { userId: 'userId' },
    export: { none: `${what}: made when the account is erased, so there is no account left to export to` },
    erase: { none: `${what}: the proof of the erasure itself, holding only the user id that nothing names any more` },
  }) as const;

/** One erasure being carried out: `_id` = the receipt id, inserted by the first worker. */
export const erasureRunCollection = defineCollection<ErasureRun & { _id: string; schemaVersion: 1 }>({
  name: 'erasure_runs',
  indexes: [{ name: 'erasure_runs_user_seq_unique', keys: { userId: 1, seq: 1 }, unique: true }],
  privacy: runPrivacy('the start of an erasure'),
});

/** Attempts at a run, numbered: `<runId>:<n>`; the insert of n + 1 is the claim. */
export const erasureLeaseCollection = defineCollection<{ _id: string; schemaVersion: 1; runId: string; n: number; at: Date }>({
  name: 'erasure_leases',
  indexes: [{ name: 'erasure_leases_run', keys: { runId: 1 } }],
  privacy: {
    classes: ['operational'],
    personalData: [],
    retention: 'erased-accounts',
    subject: null,
    export: { none: 'which worker attempt holds an erasure run (run ids only)' },
    erase: { none: 'which worker attempt holds an erasure run (run ids only)' },
  },
});

/** The steps a run finished, each once: `<runId>:<key>`. */
export const erasureStepCollection = defineCollection<StepRecord & { _id: string; schemaVersion: 1 }>({
  name: 'erasure_steps',
  indexes: [{ name: 'erasure_steps_run', keys: { runId: 1 } }],
  privacy: {
    classes: ['operational'],
    personalData: [],
    retention: 'erased-accounts',
    subject: null,
    export: { none: 'what each step of an erasure did: store names and counts' },
    erase: { none: 'what each step of an erasure did: store names and counts' },
  },
});

/** The receipts, `_id` = the receipt id: stores, actions, counts and the hash the person keeps. */
export const erasureReceiptCollection = defineCollection<Omit<ErasureReceipt, 'id'> & { _id: string; schemaVersion: 1 }>({
  name: 'erasure_receipts',
  privacy: {
    classes: ['operational'],
    personalData: [],
    retention: 'erased-accounts',
    subject: null,
    export: { none: 'erasure receipts: store names, counts and a hash, handed to the person by id and token' },
    erase: { none: 'the receipt is what the person keeps of the erasure; it names nobody' },
  },
});

const insertOnce = async (insert: () => Promise<unknown>) => {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

const withoutStorage = <T extends { _id: string; schemaVersion: 1 }>({
  _id,
  schemaVersion: _s,
  ...rest
}: T): Omit<T, '_id' | 'schemaVersion'> => rest;

/** The erasure runs over MongoDB: every write an insert, arbitrated by `_id`. */
export const createErasureRunStore = (db: Db): ErasureRunPorts => {
  const requests = erasureRequestCollection.in(db);
  const runs = erasureRunCollection.in(db);
  const leases = erasureLeaseCollection.in(db);
  const steps = erasureStepCollection.in(db);
  const receipts = erasureReceiptCollection.in(db);
  return {
    due: async (now, limit) => {
      // A range read (it scans on FerretDB): requests are few, one or two per erased account.
      const candidates = await requests
        .find({ kind: 'requested', scheduledFor: { $lte: now } })
        .sort({ scheduledFor: 1 })
        .toArray();
      const due = [];
      for (const entry of candidates) {
        const [newest] = await requests.find({ userId: entry.userId }).sort({ seq: -1 }).limit(1).toArray();
        if (newest?.seq !== entry.seq) continue; // cancelled, or asked again later
        const run = await runs.findOne({ userId: entry.userId, seq: entry.seq });
        if (run && (await receipts.findOne({ _id: run._id }))) continue; // done
        due.push({ userId: entry.userId, seq: entry.seq, requestedAt: entry.at, scheduledFor: entry.scheduledFor! });
        if (due.length >= limit) break;
      }
      return due;
    },
    open: async (run) => {
      await insertOnce(() => runs.insertOne({ ...run, _id: run.id, schemaVersion: 1 }));
      return withoutStorage((await runs.findOne({ _id: run.id }))!);
    },
    lease: async (runId, now, leaseMs) => {
      const [latest] = await leases.find({ runId }).sort({ n: -1 }).limit(1).toArray();
      if (latest && now.getTime() - latest.at.getTime() < leaseMs) return false;
      const n = (latest?.n ?? 0) + 1;
      return insertOnce(() => leases.insertOne({ _id: `${runId}:${n}`, schemaVersion: 1, runId, n, at: now }));
    },
    steps: async (runId) => (await steps.find({ runId }).toArray()).map(({ _id, schemaVersion: _s, ...record }) => record),
    recordStep: async (record) => {
      await insertOnce(() => steps.insertOne({ ...record, _id: `${record.runId}:${record.key}`, schemaVersion: 1 }));
    },
    receipt: async (runId) => {
      const found = await receipts.findOne({ _id: runId });
      if (!found) return null;
      return { id: found._id, ...withoutStorage(found) };
    },
    insertReceipt: async ({ id, ...receipt }) => {
      await insertOnce(() => receipts.insertOne({ ...receipt, _id: id, schemaVersion: 1 }));
    },
  };
};
