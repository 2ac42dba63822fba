import type { Db } from 'mongodb';
import type { AiJob, AiMessage, JobEntry, JobLog, JobStore, MessageStore } from '../../ai/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

export const aiMessageCollection = defineCollection({
  name: 'ai_messages',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'ai-conversations',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  }, // A user's conversation on a flow, newest first.
  indexes: [{ name: 'ai_messages_flow_user_created', keys: { flowId: 1, userId: 1, createdAt: -1 } }],
});
export const aiJobCollection = defineCollection({
  name: 'ai_jobs',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity', 'usage'],
    retention: 'ai-conversations',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  }, // The outbox reads the jobs not yet published.
  indexes: [{ name: 'ai_jobs_published', keys: { publishedAt: 1, createdAt: 1 } }],
});
export const aiJobStepCollection = defineCollection({
  name: 'ai_job_steps',
  privacy: {
    classes: ['user-content'],
    personalData: ['content', 'usage'],
    retention: 'ai-conversations',
    subject: { parent: { field: 'jobId', collection: 'ai_jobs' } },
    export: 'records',
    erase: 'delete',
  }, // The step log: `_id` = `<jobId>:<seq>` is the commit point (seq 0 is the runner's claim); read in order per job.
  indexes: [{ name: 'ai_job_steps_job_seq', keys: { jobId: 1, seq: 1 } }],
});

type Stored<T extends { id: string }> = Omit<T, 'id'> & { _id: string; schemaVersion: 1 };
const fromStored = <T extends { id: string }>({ _id, schemaVersion: _s, ...rest }: Stored<T>): T => ({ ...rest, id: _id }) as unknown as T;

/** `ai_messages`: immutable, `_id` = the message id. */
export const createAiMessageStore = (db: Db): MessageStore => {
  const messages = aiMessageCollection.in<Stored<AiMessage>>(db);
  return {
    insert: async ({ id, ...message }) => {
      try {
        await messages.insertOne({ ...message, _id: id, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    remove: async (id) => {
      await messages.deleteOne({ _id: id });
    },
    find: async (id) => {
      const found = await messages.findOne({ _id: id });
      return found ? fromStored<AiMessage>(found) : null;
    },
    list: async (flowId, userId, { after, limit }) => {
      const filter = after
        ? { flowId, userId, $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
        : { flowId, userId };
      return (await messages.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray()).map((m) => fromStored<AiMessage>(m));
    },
  };
};

/** `ai_jobs`: written once, `_id` = the job id; `publishedAt` is a plain `$set` by whoever published (the same fact). */
export const createAiJobStore = (db: Db): JobStore => {
  const jobs = aiJobCollection.in<Stored<AiJob>>(db);
  return {
    insert: async ({ id, ...job }) => {
      try {
        await jobs.insertOne({ ...job, _id: id, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    find: async (id) => {
      const found = await jobs.findOne({ _id: id });
      return found ? fromStored<AiJob>(found) : null;
    },
    findMany: async (ids) =>
      ids.length === 0 ? [] : (await jobs.find({ _id: { $in: [...ids] } }).toArray()).map((j) => fromStored<AiJob>(j)),
    remove: async (id) => {
      await jobs.deleteOne({ _id: id });
    },
    unpublished: async (before, limit) =>
      (
        await jobs
          .find({ publishedAt: null, createdAt: { $lt: before } })
          .sort({ createdAt: 1 })
          .limit(limit)
          .toArray()
      ).map((j) => fromStored<AiJob>(j)),
    markPublished: async (id, at) => {
      await jobs.updateOne({ _id: id }, { $set: { publishedAt: at } });
    },
  };
};

type StoredEntry = JobEntry & { _id: string; schemaVersion: 1 };

/** `ai_job_steps`: append-only; a taken `<jobId>:<seq>` is a duplicate key (for seq 0: the job is claimed). */
export const createAiJobLog = (db: Db): JobLog => {
  const entries = aiJobStepCollection.in<StoredEntry>(db);
  return {
    append: async (entry) => {
      try {
        await entries.insertOne({ ...entry, _id: `${entry.jobId}:${entry.seq}`, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    after: async (jobId, after) =>
      (
        await entries
          .find({ jobId, seq: { $gt: after } })
          .sort({ seq: 1 })
          .toArray()
      ).map(({ _id, schemaVersion: _s, ...entry }): JobEntry => entry),
  };
};
