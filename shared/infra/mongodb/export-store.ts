import type { Db } from 'mongodb';
import type { ExportJob, ExportJobs, ExportResult, RequestOrigin } from '../../privacy/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

interface ExportJobDocument {
  _id: string;
  userId: string;
  requestedAt: Date;
  origin: RequestOrigin;
  /** The person's id while the job is open, `closed:<jobId>` after: unique, so a person has one open export. */
  openFor: string;
  open: boolean;
  schemaVersion: 1;
}

interface ExportResultDocument extends Omit<ExportResult, 'jobId'> {
  /** The job id: one result per job, the first builder to finish wins. */
  _id: string;
  schemaVersion: 1;
}

export const exportJobCollection = defineCollection<ExportJobDocument>({
  name: 'privacy_exports',
  indexes: [
    { name: 'privacy_exports_open_for_unique', keys: { openFor: 1 }, unique: true },
    { name: 'privacy_exports_open', keys: { open: 1, requestedAt: 1 } },
    { name: 'privacy_exports_requested', keys: { requestedAt: -1 } },
    { name: 'privacy_exports_user', keys: { userId: 1, requestedAt: -1 } },
  ],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
});

export const exportResultCollection = defineCollection<ExportResultDocument>({
  name: 'privacy_export_results',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'account',
    subject: { parent: { field: '_id', collection: 'privacy_exports' } },
    export: 'records',
    erase: 'delete',
  },
});

const toJob = (doc: ExportJobDocument): ExportJob => ({
  id: doc._id,
  userId: doc.userId,
  requestedAt: doc.requestedAt,
  origin: doc.origin,
});

const toResult = ({ _id, schemaVersion: _s, ...rest }: ExportResultDocument): ExportResult => ({ ...rest, jobId: _id });

/** `privacy_exports` and `privacy_export_results`: export requests (insert-only) and how their builds ended. */
export const createExportJobStore = (db: Db): ExportJobs => {
  const jobs = exportJobCollection.in(db);
  const results = exportResultCollection.in(db);
  const findOpen = async (userId: string) => {
    const doc = await jobs.findOne({ openFor: userId });
    return doc ? toJob(doc) : null;
  };
  return {
    insertOpen: async (job) => {
      try {
        await jobs.insertOne({
          _id: job.id,
          userId: job.userId,
          requestedAt: job.requestedAt,
          origin: job.origin,
          openFor: job.userId,
          open: true,
          schemaVersion: 1,
        });
        return { inserted: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // The open one may have been released between the insert and this read (null): the caller tries again.
        return { inserted: false, open: await findOpen(job.userId) };
      }
    },
    findOpen,
    find: async (id) => {
      const doc = await jobs.findOne({ _id: id });
      return doc ? toJob(doc) : null;
    },
    // Only ever moves an open job to closed, and the value it writes is fixed: repeating it is harmless.
    release: async (job) => {
      await jobs.updateOne({ _id: job.id }, { $set: { openFor: `closed:${job.id}`, open: false } });
    },
    listOpen: async (limit) => (await jobs.find({ open: true }).sort({ requestedAt: 1 }).limit(limit).toArray()).map(toJob),
    result: async (jobId) => {
      const doc = await results.findOne({ _id: jobId });
      return doc ? toResult(doc) : null;
    },
    insertResult: async ({ jobId, ...rest }) => {
      try {
        await results.insertOne({ ...rest, _id: jobId, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};
