import type { Db } from 'mongodb';
import type { FlowRetentionStore } from '../../flows/index.ts';
import { flowHeadCollection, toHead, type FlowHeadDocument } from './flow-head-store.ts';
import { flowSnapshotCollection } from './flow-snapshot-store.ts';
import { flowVersionCollection } from './flow-version-store.ts';

/** Deleted flows past their restore window, across `flows`, `flow_versions` and `flow_snapshots`. */
export const createFlowRetentionStore = (db: Db): FlowRetentionStore => {
  const heads = flowHeadCollection.in<FlowHeadDocument>(db);
  return {
    deletedBefore: async (cutoff, limit) => {
      // A range on deletedAt (null for live flows never matches `$lt`): a scan on FerretDB, for a daily job.
      const found = await heads
        .find({ deletedAt: { $lt: cutoff } })
        .sort({ deletedAt: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return found.map(toHead);
    },
    purge: async (flowId) => {
      await flowVersionCollection.in(db).deleteMany({ flowId });
      await flowSnapshotCollection.in(db).deleteMany({ flowId });
      await heads.deleteOne({ _id: flowId });
    },
  };
};
