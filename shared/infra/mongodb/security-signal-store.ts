import type { Db } from 'mongodb';
import type { SignalStore, StoredSignal, Subject } from '../../security/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

/** `security_signals`: what each event contributed to each detection rule, read back as sliding windows. */
export const securitySignalCollection = defineCollection({
  name: 'security_signals',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['security', 'network'],
    retention: 'security-records',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    { name: 'security_signals_window', keys: { rule: 1, subjectKey: 1, at: -1 } },
    { name: 'security_signals_user', keys: { userId: 1 } },
  ],
});

interface SignalDocument {
  /** `<event id>:<rule>`: a redelivered event inserts nothing more. */
  _id: string;
  schemaVersion: 1;
  rule: string;
  subjectKey: string;
  subject: Subject;
  /** The subject's user id when the subject is an account (the data map's link). */
  userId: string | null;
  at: Date;
  weight: number;
  distinct: string | null;
}

export const subjectKey = (subject: Subject) => `${subject.kind}|${subject.id}`;

export const createSecuritySignalStore = (db: Db): SignalStore => {
  const signals = securitySignalCollection.in<SignalDocument>(db);
  return {
    add: async ({ id, rule, subject, at, weight, distinct }) => {
      try {
        await signals.insertOne({
          _id: id,
          schemaVersion: 1,
          rule,
          subjectKey: subjectKey(subject),
          subject,
          userId: subject.kind === 'user' ? subject.id : null,
          at,
          weight,
          distinct,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    within: async (rule, subject, from, to, limit): Promise<StoredSignal[]> =>
      (
        await signals
          .find({ rule, subjectKey: subjectKey(subject), at: { $gte: from, $lte: to } })
          .sort({ at: -1 })
          .limit(limit)
          .toArray()
      ).map((d) => ({ subject: d.subject, at: d.at, weight: d.weight, distinct: d.distinct })),
  };
};
