import type { Db } from 'mongodb';
import type { FlowSlot, FlowSlotHolder, FlowSlotStore } from '../../flows/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { flowHeadCollection } from './flow-head-store.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const flowSlotCollection = defineCollection({
  name: 'flow_slots',
  privacy: noPersonalData('plan-limit places: workspace and flow ids', 'workspace'),
  indexes: [
    // The flows limit: a place is claimed by inserting `_id` = `<workspaceId>:<number>:<generation>`; listed by workspace.
    { name: 'flow_slots_workspace', keys: { workspaceId: 1 } },
  ],
});

interface FlowSlotDocument extends FlowSlot {
  /** `<workspaceId>:<number>:<generation>`: the unique `_id` is what makes a place go to one writer. */
  _id: string;
  schemaVersion: 1;
}

interface HeadDocument {
  _id: string;
  deletedAt?: Date | null;
}

const slotId = ({ workspaceId, number, generation }: FlowSlot) => `${workspaceId}:${number}:${generation}`;

/** `flow_slots`: the places of each workspace's flows limit, inserted once and never updated. */
export const createFlowSlotStore = (db: Db): FlowSlotStore => {
  const slots = flowSlotCollection.in<FlowSlotDocument>(db);
  const heads = flowHeadCollection.in<HeadDocument>(db);
  return {
    read: async (workspaceId) => {
      // Active flows first (see the port): a flow written after this read has its slot in the next one.
      const active = await heads.find({ workspaceId, deletedAt: null }, { projection: { _id: 1 } }).toArray();
      const found = await slots.find({ workspaceId }).toArray();
      const holders =
        found.length === 0
          ? []
          : await heads.find({ _id: { $in: [...new Set(found.map((slot) => slot.flowId))] } }, { projection: { deletedAt: 1 } }).toArray();
      const holderOf = new Map<string, FlowSlotHolder>(holders.map((head) => [head._id, { deletedAt: head.deletedAt ?? null }]));
      return {
        activeFlowIds: active.map((head) => head._id),
        slots: found.map(({ _id, schemaVersion: _v, ...slot }) => ({ slot, holder: holderOf.get(slot.flowId) ?? null })),
      };
    },
    claim: async (slot) => {
      try {
        await slots.insertOne({ ...slot, _id: slotId(slot), schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    release: async (slot) => {
      await slots.deleteOne({ _id: slotId(slot), flowId: slot.flowId });
    },
  };
};
