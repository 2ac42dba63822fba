import type { Db } from 'mongodb';
import type { AssessmentStore, BlastRadius, NoticeDraft, NoticeStore } from '../../breach/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

interface AssessmentDocument {
  /** `<breachId>:<seq>`. */
  _id: string;
  breachId: string;
  seq: number;
  radius: BlastRadius;
  schemaVersion: 1;
}
interface NoticeDocument extends NoticeDraft {
  /** `<breachId>:<audience>:<version>`. */
  _id: string;
  schemaVersion: 1;
}

// The affected users' ids are the evidence of the assessment: kept with the register, unlinked on erasure.
export const breachAssessmentCollection = defineCollection<AssessmentDocument>({
  name: 'breach_assessments',
  indexes: [{ name: 'breach_assessments_breach_seq_unique', keys: { breachId: 1, seq: 1 }, unique: true }],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity', 'usage'],
    retention: 'audit-log',
    subject: { userId: 'radius.users.userId', workspaceId: 'radius.workspaces.workspaceId' },
    // One record lists many people: exporting it to one of them would disclose the others.
    export: { none: 'an assessment lists every affected person; a person is told through the Art. 34 notice instead' },
    // The ids inside the lists are replaced by the pseudonym (nested fields: the eraser must reach into the arrays).
    erase: 'unlink',
  },
});

export const breachNoticeCollection = defineCollection<NoticeDocument>({
  name: 'breach_notices',
  indexes: [{ name: 'breach_notices_breach_audience_version_unique', keys: { breachId: 1, audience: 1, version: 1 }, unique: true }],
  privacy: {
    classes: ['pseudonymous', 'user-content'],
    personalData: ['identity', 'content'],
    retention: 'audit-log',
    subject: { userId: 'createdBy' },
    export: 'records',
    erase: 'unlink',
  },
});

const insertOnce = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

export const createAssessmentStore = (db: Db): AssessmentStore => {
  const assessments = breachAssessmentCollection.in(db);
  return {
    append: (breachId, seq, radius) =>
      insertOnce(() => assessments.insertOne({ _id: `${breachId}:${seq}`, breachId, seq, radius, schemaVersion: 1 })),
    latest: async (breachId) => {
      const [newest] = await assessments.find({ breachId }).sort({ seq: -1 }).limit(1).toArray();
      return newest ? { seq: newest.seq, radius: newest.radius } : null;
    },
  };
};

const toDraft = ({ _id, schemaVersion: _s, ...draft }: NoticeDocument): NoticeDraft => draft;

export const createNoticeStore = (db: Db): NoticeStore => {
  const notices = breachNoticeCollection.in(db);
  return {
    append: (draft) =>
      insertOnce(() => notices.insertOne({ ...draft, _id: `${draft.breachId}:${draft.audience}:${draft.version}`, schemaVersion: 1 })),
    latest: async (breachId, audience) => {
      const [newest] = await notices.find({ breachId, audience }).sort({ version: -1 }).limit(1).toArray();
      return newest ? toDraft(newest) : null;
    },
    version: async (breachId, audience, version) => {
      const found = await notices.findOne({ _id: `${breachId}:${audience}:${version}` });
      return found ? toDraft(found) : null;
    },
  };
};
