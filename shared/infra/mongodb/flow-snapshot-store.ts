import type { Db } from 'mongodb';
import type { FlowSnapshot, FlowSnapshotStore } from '../../flows/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

export const flowSnapshotCollection = defineCollection({
  name: 'flow_snapshots',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'deleted-flows',
    // Found through their flow (a snapshot has no workspace id): deleted with the workspace's flows.
    subject: { userId: 'createdBy', parent: { field: 'flowId', collection: 'flows' } },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [{ name: 'flow_snapshots_flow', keys: { flowId: 1 } }],
});

interface FlowSnapshotDocument extends FlowSnapshot {
  /** `<flowId>:<name>`: a name is unique per flow by construction. */
  _id: string;
  schemaVersion: 1;
}

const toSnapshot = ({ _id, schemaVersion: _s, ...rest }: FlowSnapshotDocument): FlowSnapshot => rest;

export const createFlowSnapshotStore = (db: Db): FlowSnapshotStore => {
  const snapshots = flowSnapshotCollection.in<FlowSnapshotDocument>(db);
  return {
    insert: async (snapshot) => {
      try {
        await snapshots.insertOne({ ...snapshot, _id: `${snapshot.flowId}:${snapshot.name}`, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    listByFlow: async (flowId) => (await snapshots.find({ flowId }).toArray()).map(toSnapshot),
  };
};
