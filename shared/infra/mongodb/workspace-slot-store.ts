import type { Db } from 'mongodb';
import type { SlotHolder, WorkspaceSlot, WorkspaceSlotStore } from '../../workspaces/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { workspaceCollection } from './workspace-store.ts';
import { defineCollection } from './collection.ts';

export const workspaceSlotCollection = defineCollection({
  name: 'workspace_slots',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['usage'],
    retention: 'workspace',
    subject: { userId: 'ownerId' },
    export: { none: 'plan-limit bookkeeping (which places an owner holds); the workspaces are exported' },
    erase: 'delete',
  },
  indexes: [
    // The workspace limit: a place is claimed by inserting `_id` = `<ownerId>:<number>:<generation>`; listed by owner.
    { name: 'workspace_slots_owner', keys: { ownerId: 1 } },
  ],
});

interface WorkspaceSlotDocument extends WorkspaceSlot {
  /** `<ownerId>:<number>:<generation>`: the unique `_id` is what makes a place go to one create. */
  _id: string;
  schemaVersion: 1;
}

interface HolderDocument {
  _id: string;
  ownerId: string;
  deletedAt?: Date | null;
}

const slotId = ({ ownerId, number, generation }: WorkspaceSlot) => `${ownerId}:${number}:${generation}`;

/** `workspace_slots`: the places of each account's workspace limit, inserted once and never updated. */
export const createWorkspaceSlotStore = (db: Db): WorkspaceSlotStore => {
  const slots = workspaceSlotCollection.in<WorkspaceSlotDocument>(db);
  const workspaces = workspaceCollection.in<HolderDocument>(db);
  return {
    list: async (ownerId) => {
      const found = await slots.find({ ownerId }).toArray();
      if (found.length === 0) return [];
      // Deleted ones included: a deleted workspace keeps its place for a while.
      const holders = await workspaces
        .find({ _id: { $in: found.map((slot) => slot.workspaceId) } }, { projection: { ownerId: 1, deletedAt: 1 } })
        .toArray();
      const holderOf = new Map<string, SlotHolder>(holders.map((h) => [h._id, { ownerId: h.ownerId, deletedAt: h.deletedAt ?? null }]));
      return found.map(({ _id, schemaVersion: _v, ...slot }) => ({ slot, holder: holderOf.get(slot.workspaceId) ?? null }));
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
      await slots.deleteOne({ _id: slotId(slot), workspaceId: slot.workspaceId });
    },
  };
};
