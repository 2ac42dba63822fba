import type { Db } from 'mongodb';
import type { AiJob, AiMessage, JobEntry, JobLog, JobStore, MessageStore } from '../../ai/index.ts';
import type { ContentSealer } from '../crypto/sealed-content.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { keptTrace, writerTrace } from './outbox-trace.ts';

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

type StoredMessage = Omit<Stored<AiMessage>, 'text'> & { text: unknown };

/**
 * `ai_messages`: immutable, `_id` = the message id. The text is sealed under the author's data key
 * (a plain text written before sealing reads as it is); once that key is destroyed it reads null.
 */
export const createAiMessageStore = (db: Db, seal: ContentSealer): MessageStore => {
  const messages = aiMessageCollection.in<StoredMessage>(db);
  const toMessage = async ({ text, ...stored }: StoredMessage): Promise<AiMessage> => ({
    ...fromStored<AiMessage>({ ...stored, text: null }),
    text: await seal.openText(stored.userId, aiMessageCollection.name, 'text', stored._id, text),
  });
  return {
    insert: async ({ id, text, ...message }) => {
      const sealed = text === null ? null : await seal.text(message.userId, aiMessageCollection.name, 'text', id, text);
      try {
        await messages.insertOne({ ...message, text: sealed, _id: id, schemaVersion: 1 });
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
      return found ? toMessage(found) : null;
    },
    list: async (flowId, userId, { after, limit }) => {
      const filter = after
        ? { flowId, userId, $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
        : { flowId, userId };
      return Promise.all((await messages.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray()).map(toMessage));
    },
  };
};

/** `ai_jobs`: written once, `_id` = the job id; `publishedAt` is a plain `$set` by whoever published (the same fact). */
/** A stored job keeps the accepting request's trace, for the event the outbox cron publishes (absent before it was kept). */
type StoredJob = Stored<AiJob> & { traceparent?: string };
const toJob = ({ traceparent: _t, ...job }: StoredJob): AiJob => fromStored<AiJob>(job);

export const createAiJobStore = (db: Db): JobStore => {
  const jobs = aiJobCollection.in<StoredJob>(db);
  return {
    insert: async ({ id, ...job }) => {
      try {
        await jobs.insertOne({ ...job, _id: id, schemaVersion: 1, ...writerTrace() });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    find: async (id) => {
      const found = await jobs.findOne({ _id: id });
      return found ? toJob(found) : null;
    },
    findMany: async (ids) => (ids.length === 0 ? [] : (await jobs.find({ _id: { $in: [...ids] } }).toArray()).map(toJob)),
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
      ).map((j) => ({ ...toJob(j), ...keptTrace(j) })),
    markPublished: async (id, at) => {
      await jobs.updateOne({ _id: id }, { $set: { publishedAt: at } });
    },
  };
};

type StoredEntry = JobEntry & { _id: string; schemaVersion: 1 };

/** The part of an entry that carries the person's content (plan steps, screens, operations, answers): sealed whole as `sealed`. */
const contentOf = (entry: JobEntry): Record<string, unknown> | null => {
  if (entry.kind === 'step') return { detail: entry.detail };
  if (entry.kind === 'operation') return { operation: entry.operation, rationale: entry.rationale };
  if (entry.kind === 'done') return { result: entry.result };
  return null;
};
const contentFields = new Set(['detail', 'operation', 'rationale', 'result']);
const withoutContent = (entry: JobEntry): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entry).filter(([field]) => !contentFields.has(field)));

/**
 * `ai_job_steps`: append-only; a taken `<jobId>:<seq>` is a duplicate key (for seq 0: the job is
 * claimed). The content of an entry is sealed under the data key of the job's requester (looked
 * up once per job and instance); entries written before sealing read as they are. Once that key is
 * destroyed an entry reads with its content empty (`unavailable: true`).
 */
export const createAiJobLog = (db: Db, seal: ContentSealer): JobLog => {
  const entries = aiJobStepCollection.in<StoredEntry & { sealed?: unknown; unavailable?: true }>(db);
  const owners = new Map<string, string>();
  const ownerOf = async (jobId: string) => {
    const known = owners.get(jobId);
    if (known) return known;
    const job = await aiJobCollection.in<{ _id: string; userId: string }>(db).findOne({ _id: jobId }, { projection: { userId: 1 } });
    if (!job) throw new Error(`job ${jobId} is missing: its steps cannot be sealed or opened`);
    if (owners.size >= 1000) owners.delete(owners.keys().next().value!);
    owners.set(jobId, job.userId);
    return job.userId;
  };
  const recordId = (entry: { jobId: string; seq: number }) => `${entry.jobId}:${entry.seq}`;
  const toEntry = async ({ _id, schemaVersion: _s, sealed, ...stored }: StoredEntry & { sealed?: unknown }): Promise<JobEntry> => {
    if (sealed === undefined) return stored;
    const content = await seal.openJson<Record<string, unknown>>(
      await ownerOf(stored.jobId),
      aiJobStepCollection.name,
      'sealed',
      _id,
      sealed,
    );
    if (content !== null) return { ...stored, ...content };
    const empties: Record<string, object> = { step: { detail: {} }, operation: { operation: null, rationale: '' }, done: { result: null } };
    const empty = empties[stored.kind] ?? {};
    return { ...stored, ...empty, unavailable: true } as unknown as JobEntry;
  };
  return {
    append: async (entry) => {
      const content = contentOf(entry);
      const stored =
        content === null
          ? entry
          : {
              ...withoutContent(entry),
              sealed: await seal.json(await ownerOf(entry.jobId), aiJobStepCollection.name, 'sealed', recordId(entry), content),
            };
      try {
        await entries.insertOne({ ...(stored as JobEntry), _id: recordId(entry), schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    after: async (jobId, after) =>
      Promise.all(
        (
          await entries
            .find({ jobId, seq: { $gt: after } })
            .sort({ seq: 1 })
            .toArray()
        ).map(toEntry),
      ),
  };
};
