import type { Db } from 'mongodb';
import type { ExportFiles, ExportJob } from '../../privacy/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { defineCollection } from './collection.ts';

interface ExportChunkDocument {
  /** `<jobId>:<n>`. */
  _id: string;
  jobId: string;
  userId: string;
  n: number;
  /** How many chunks the archive has: a partial write is seen, never served. */
  of: number;
  /** The chunk, base64, sealed under the person's data key (erasure shreds it with the rest). */
  data: SealedValue;
  expiresAt: Date;
  schemaVersion: 1;
}

export const exportChunkCollection = defineCollection<ExportChunkDocument>({
  name: 'privacy_export_chunks',
  indexes: [
    { name: 'privacy_export_chunks_job', keys: { jobId: 1, n: 1 } },
    { name: 'privacy_export_chunks_expires', keys: { expiresAt: 1 } },
  ],
  privacy: {
    classes: ['direct-identifier', 'pseudonymous', 'user-content', 'network', 'financial'],
    personalData: ['identity', 'contact', 'usage', 'content', 'billing', 'network', 'security'],
    retention: 'short-lived',
    subject: { userId: 'userId' },
    export: { none: 'the export archive itself: a copy of what the other stores hold' },
    erase: 'delete',
  },
});

// 3 MiB of archive is 4 MiB of base64: far below the 16 MiB document limit.
const chunkBytes = 3 * 1024 * 1024;
const contextOf = (jobId: string, n: number) => ({ collection: exportChunkCollection.name, field: 'data', recordId: `${jobId}:${n}` });

/**
 * `privacy_export_chunks`: built archives, in chunks (GridFS's layout, through a declared
 * collection), sealed under the person's data key, deleted once their download expired.
 */
export const createExportFileStore = (db: Db, sealer: FieldSealer): ExportFiles => {
  const chunks = exportChunkCollection.in(db);
  return {
    put: async (job: ExportJob, archive: Uint8Array, expiresAt: Date) => {
      await chunks.deleteMany({ jobId: job.id });
      const of = Math.max(1, Math.ceil(archive.length / chunkBytes));
      for (let n = 0; n < of; n += 1) {
        const part = Buffer.from(archive.subarray(n * chunkBytes, (n + 1) * chunkBytes)).toString('base64');
        const data = await sealer.seal(job.userId, contextOf(job.id, n), part);
        await chunks.insertOne({ _id: `${job.id}:${n}`, jobId: job.id, userId: job.userId, n, of, data, expiresAt, schemaVersion: 1 });
      }
    },
    get: async (job: ExportJob) => {
      const docs = await chunks.find({ jobId: job.id }).sort({ n: 1 }).toArray();
      if (docs.length === 0 || docs.length !== docs[0]!.of) return null;
      const parts: Buffer[] = [];
      for (const doc of docs) {
        const opened = await sealer.open(job.userId, contextOf(job.id, doc.n), doc.data);
        if (opened === null) return null;
        parts.push(Buffer.from(opened, 'base64'));
      }
      return new Uint8Array(Buffer.concat(parts));
    },
    purgeExpired: async (now: Date) => (await chunks.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
};
