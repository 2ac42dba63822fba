import type { Db } from 'mongodb';
import type { CallLogReader, CallerRecord } from '../../breach/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

/**
 * How finely calls are recorded: one record per function, user, workspace and quarter hour (the
 * first call in it). A window is then answered to the quarter hour, rounded outward (the safe side).
 */
export const callBucketMs = 15 * 60_000;

export interface FunctionCallDocument {
  /** `<function>|<userId>|<workspaceId or ->|<bucket ms>`: one record per bucket. */
  _id: string;
  function: string;
  userId: string;
  workspaceId: string | null;
  keyId: string | null;
  bucket: Date;
  firstAt: Date;
  schemaVersion: 1;
}

export const functionCallCollection = defineCollection<FunctionCallDocument>({
  name: 'function_calls',
  indexes: [
    { name: 'function_calls_function_bucket', keys: { function: 1, bucket: 1 } },
    { name: 'function_calls_user', keys: { userId: 1 } },
  ],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity', 'usage'],
    retention: 'security-records',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  },
});

export const bucketOf = (at: Date): Date => new Date(Math.floor(at.getTime() / callBucketMs) * callBucketMs);

export interface FunctionCallStore extends CallLogReader {
  /** Records the bucket's first call; a later one of the same bucket changes nothing. */
  note: (call: Omit<FunctionCallDocument, '_id' | 'bucket' | 'schemaVersion'>) => Promise<void>;
}

export const callKey = (call: { function: string; userId: string; workspaceId: string | null }, bucket: Date) =>
  `${call.function}|${call.userId}|${call.workspaceId ?? '-'}|${bucket.getTime()}`;

/** `function_calls`: who called which function, per quarter hour (the request log breach assessments read). */
export const createFunctionCallStore = (db: Db): FunctionCallStore => {
  const calls = functionCallCollection.in(db);
  return {
    note: async (call) => {
      const bucket = bucketOf(call.firstAt);
      try {
        await calls.insertOne({ _id: callKey(call, bucket), ...call, bucket, schemaVersion: 1 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    callers: async (functions, { from, to }, limit): Promise<CallerRecord[]> => {
      // A bucket that overlaps the window may hold calls inside it, whenever its first call was.
      const found = await calls
        .find({
          function: { $in: [...functions] },
          bucket: { $gt: new Date(from.getTime() - callBucketMs), $lt: to },
          firstAt: { $lt: to },
        })
        .limit(limit)
        .toArray();
      return found.map((doc) => ({
        userId: doc.userId,
        workspaceId: doc.workspaceId,
        function: doc.function,
        keyId: doc.keyId,
        firstAt: doc.firstAt,
      }));
    },
  };
};
