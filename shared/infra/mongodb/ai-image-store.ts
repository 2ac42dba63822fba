import { Binary, type Db } from 'mongodb';
import type { JobImage, JobImageStore } from '../../ai/index.ts';
import { defineCollection } from './collection.ts';

export const aiJobImageCollection = defineCollection({
  name: 'ai_job_images',
  privacy: {
    classes: ['user-content'],
    personalData: ['content'],
    retention: 'short-lived',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: { none: 'a sketch is kept only while its AI job can run (at most 15 minutes), then deleted' },
    erase: 'delete',
  }, // The sweep removes the images whose job's lifetime is over.
  indexes: [{ name: 'ai_job_images_expires', keys: { expiresAt: 1 } }],
});

type Stored = Omit<JobImage, 'jobId' | 'bytes'> & { _id: string; bytes: Binary; schemaVersion: 1 };

/**
 * `ai_job_images`: `_id` = the job id, the bytes as BSON binary (at most 5 MB, well under a
 * document's 16 MB). FerretDB has no TTL indexes: the runner removes an image once it has read it
 * (and again when the job ends), and the `ai-sweep-job-images` cron removes what a runner that
 * died, or a job that never ran, left.
 */
export const createAiJobImageStore = (db: Db): JobImageStore => {
  const images = aiJobImageCollection.in<Stored>(db);
  return {
    insert: async ({ jobId, bytes, ...image }) => {
      await images.insertOne({ ...image, _id: jobId, bytes: new Binary(bytes), schemaVersion: 1 });
    },
    find: async (jobId) => {
      const found = await images.findOne({ _id: jobId });
      if (!found) return null;
      const { workspaceId, userId, mediaType, createdAt, expiresAt } = found;
      return { jobId: found._id, workspaceId, userId, mediaType, bytes: new Uint8Array(found.bytes.buffer), createdAt, expiresAt };
    },
    remove: async (jobId) => {
      await images.deleteOne({ _id: jobId });
    },
    removeExpired: async (now) => (await images.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
};
