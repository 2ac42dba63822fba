import type { Db } from 'mongodb';
import { checkpointId, type CheckpointStore, type SignedCheckpoint } from '../../audit/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

/** Signed chain heads: `_id` is `<chain>@<period>`, so a period signs a chain once. */
export const auditCheckpointCollection = defineCollection({
  name: 'audit_checkpoints',
  privacy: noPersonalData('signed chain heads: chain ids, numbers and hashes', 'audit-log'),
  indexes: [{ name: 'audit_checkpoints_chain', keys: { chain: 1, seq: 1 } }],
});

interface CheckpointDocument extends SignedCheckpoint {
  _id: string;
  schemaVersion: 1;
}

const toCheckpoint = ({ _id, schemaVersion: _v, ...checkpoint }: CheckpointDocument): SignedCheckpoint => checkpoint;

export const createAuditCheckpointStore = (db: Db): CheckpointStore => {
  const checkpoints = auditCheckpointCollection.in<CheckpointDocument>(db);
  return {
    insert: async (checkpoint) => {
      try {
        await checkpoints.insertOne({ ...checkpoint, _id: checkpointId(checkpoint.chain, checkpoint.period), schemaVersion: 1 });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return false;
      }
    },
    latest: async (chain) => {
      const [found] = await checkpoints.find({ chain }).sort({ seq: -1 }).limit(1).toArray();
      return found ? toCheckpoint(found) : null;
    },
    list: async (chain) => (await checkpoints.find({ chain }).sort({ seq: 1 }).toArray()).map(toCheckpoint),
    removeBefore: async (chain, seq) => (await checkpoints.deleteMany({ chain, seq: { $lt: seq } })).deletedCount,
  };
};
