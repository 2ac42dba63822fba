import type { Db } from 'mongodb';
import type { AcceptedRecord, PendingStore, PersonalRecord, PersonalStore } from '../../audit/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

/** The clear personal values of entries, by entry key; erasure deletes a subject's. */
export const auditPersonalCollection = defineCollection({
  name: 'audit_personal',
  privacy: {
    classes: ['direct-identifier', 'network'],
    personalData: ['contact', 'identity', 'network'],
    retention: 'audit-log',
    subject: { userId: 'subjectId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [{ name: 'audit_personal_subject', keys: { subjectId: 1 } }],
});

/** Records accepted and not yet on their chain (the outbox of `AuditLog.record`). */
export const auditPendingCollection = defineCollection({
  name: 'audit_pending',
  privacy: {
    classes: ['direct-identifier', 'network', 'pseudonymous'],
    personalData: ['contact', 'identity', 'network', 'security'],
    retention: 'short-lived',
    subject: { userId: 'subjectId' },
    export: { none: 'records that wait seconds for their chain; exported from audit_log once appended' },
    erase: 'delete',
  },
  indexes: [{ name: 'audit_pending_subject', keys: { subjectId: 1 } }],
});

interface PersonalDocument extends Omit<PersonalRecord, 'key'> {
  _id: string;
  schemaVersion: 1;
}

interface PendingDocument {
  _id: string;
  schemaVersion: 1;
  record: AcceptedRecord;
  subjectId: string | null;
  queuedAt: Date;
}

export const createAuditPersonalStore = (db: Db): PersonalStore => {
  const personal = auditPersonalCollection.in<PersonalDocument>(db);
  const toRecord = ({ _id, schemaVersion: _v, ...rest }: PersonalDocument): PersonalRecord => ({ key: _id, ...rest });
  return {
    put: async ({ key, ...rest }) => {
      try {
        await personal.insertOne({ _id: key, schemaVersion: 1, ...rest });
        return { key, ...rest };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // A retry of the same record: keep the salt the first attempt may already have hashed.
        const first = await personal.findOne({ _id: key });
        if (!first) throw error;
        return toRecord(first);
      }
    },
    find: async (keys) => (keys.length === 0 ? [] : (await personal.find({ _id: { $in: [...keys] } }).toArray()).map(toRecord)),
    remove: async (keys) => (keys.length === 0 ? 0 : (await personal.deleteMany({ _id: { $in: [...keys] } })).deletedCount),
    eraseSubject: async (userId) => (await personal.deleteMany({ subjectId: userId })).deletedCount,
  };
};

export const createAuditPendingStore = (db: Db): PendingStore => {
  const pending = auditPendingCollection.in<PendingDocument>(db);
  return {
    insert: async (record) => {
      try {
        await pending.insertOne({ _id: record.key, schemaVersion: 1, record, subjectId: record.subjectId ?? null, queuedAt: new Date() });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    oldest: async (limit) => {
      const found = await pending.find({}).sort({ queuedAt: 1 }).limit(limit).toArray();
      return found.map((doc) => ({ ...doc.record, at: new Date(doc.record.at) }));
    },
    remove: async (key) => {
      await pending.deleteOne({ _id: key });
    },
    eraseSubject: async (userId) =>
      (await pending.updateMany({ subjectId: userId }, { $unset: { 'record.personal': '' }, $set: { subjectId: null } })).modifiedCount,
  };
};
