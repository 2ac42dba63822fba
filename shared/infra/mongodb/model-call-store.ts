import type { Db } from 'mongodb';
import type { ModelCall, ModelCallLog } from '../../ai/index.ts';
import { newId } from '../../kernel/index.ts';
import { defineCollection } from './collection.ts';

type ModelCallRecord = Omit<ModelCall, 'jobId'> & { _id: string; jobId: string | null; schemaVersion: 1 };

export const modelCallCollection = defineCollection<ModelCallRecord>({
  name: 'ai_model_calls',
  privacy: {
    classes: ['operational', 'pseudonymous'],
    personalData: ['usage'],
    retention: 'billing-records',
    subject: { workspaceId: 'workspaceId' },
    export: { none: 'cost metering per provider call; no prompt or answer text' },
    erase: 'unlink',
  },
  indexes: [
    // A job's cost is the sum of its calls.
    { name: 'ai_model_calls_job', keys: { jobId: 1, at: 1 } },
    // FinOps sums per function and per workspace over a period.
    { name: 'ai_model_calls_function_at', keys: { functionName: 1, at: 1 } },
    { name: 'ai_model_calls_workspace_at', keys: { workspaceId: 1, at: 1 } },
  ],
});

/** `ai_model_calls`: one document per attempt at a provider, inserted once, never changed. */
export const createModelCallStore = (db: Db): ModelCallLog => {
  const calls = modelCallCollection.in(db);
  return {
    record: async (call) => {
      await calls.insertOne({ ...call, _id: newId('mcl'), jobId: call.jobId ?? null, schemaVersion: 1 });
    },
    listForJob: async (jobId) =>
      (await calls.find({ jobId }).sort({ at: 1 }).toArray()).map(({ _id, schemaVersion: _s, jobId: job, ...call }) => ({
        ...call,
        ...(job === null ? {} : { jobId: job }),
      })),
  };
};
