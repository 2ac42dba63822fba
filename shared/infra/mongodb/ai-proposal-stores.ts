import type { Db } from 'mongodb';
import type { Proposal, ProposalOutcome, ProposalOutcomes, ProposalSlot, ProposalSlots, ProposalStore } from '../../ai/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

export const aiProposalCollection = defineCollection({
  name: 'ai_proposals',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'ai-conversations',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [{ name: 'ai_proposals_job', keys: { jobId: 1 } }],
});
export const aiProposalSlotCollection = defineCollection({
  name: 'ai_proposal_slots',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['usage'],
    retention: 'ai-conversations',
    subject: { userId: 'userId' },
    export: { none: 'the order of a person’s proposals per flow; the proposals are exported' },
    erase: 'delete',
  }, // `_id` = `<flowId>:<userId>:<seq>` decides between racing proposals; the latest is read per flow and user.
  indexes: [
    { name: 'ai_proposal_slots_flow_user_seq', keys: { flowId: 1, userId: 1, seq: -1 } },
    { name: 'ai_proposal_slots_proposal', keys: { proposalId: 1 } },
  ],
});
export const aiProposalOutcomeCollection = defineCollection({
  name: 'ai_proposal_outcomes',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['usage'],
    retention: 'ai-conversations',
    subject: { userId: 'by', parent: { field: 'proposalId', collection: 'ai_proposals' } },
    export: 'records',
    erase: 'delete',
  },
});

type StoredProposal = Omit<Proposal, 'id'> & { _id: string; schemaVersion: 1 };
const toProposal = ({ _id, schemaVersion: _s, ...rest }: StoredProposal): Proposal => ({ ...rest, id: _id });

/** `ai_proposals`: immutable, `_id` = the proposal id. */
export const createAiProposalStore = (db: Db): ProposalStore => {
  const proposals = aiProposalCollection.in<StoredProposal>(db);
  return {
    insert: async ({ id, ...proposal }) => {
      await proposals.insertOne({ ...proposal, _id: id, schemaVersion: 1 });
    },
    find: async (id) => {
      const found = await proposals.findOne({ _id: id });
      return found ? toProposal(found) : null;
    },
    findByJobs: async (jobIds) =>
      jobIds.length === 0 ? [] : (await proposals.find({ jobId: { $in: [...jobIds] } }).toArray()).map(toProposal),
  };
};

type StoredSlot = ProposalSlot & { _id: string; schemaVersion: 1 };
const toSlot = ({ _id, schemaVersion: _s, ...slot }: StoredSlot): ProposalSlot => slot;

/** `ai_proposal_slots`: insert-only, one per (flow, user, seq). */
export const createAiProposalSlots = (db: Db): ProposalSlots => {
  const slots = aiProposalSlotCollection.in<StoredSlot>(db);
  return {
    latest: async (flowId, userId) => {
      const [found] = await slots.find({ flowId, userId }).sort({ seq: -1 }).limit(1).toArray();
      return found ? toSlot(found) : null;
    },
    insert: async (slot) => {
      try {
        await slots.insertOne({ ...slot, _id: `${slot.flowId}:${slot.userId}:${slot.seq}`, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    ofProposal: async (proposalId) => {
      const found = await slots.findOne({ proposalId });
      return found ? toSlot(found) : null;
    },
  };
};

type StoredOutcome = ProposalOutcome & { _id: string; schemaVersion: 1 };
const toOutcome = ({ _id, schemaVersion: _s, ...outcome }: StoredOutcome): ProposalOutcome => outcome;

/** `ai_proposal_outcomes`: `_id` = the proposal id, so the first apply or discard wins. */
export const createAiProposalOutcomes = (db: Db): ProposalOutcomes => {
  const outcomes = aiProposalOutcomeCollection.in<StoredOutcome>(db);
  return {
    insert: async (outcome) => {
      try {
        await outcomes.insertOne({ ...outcome, _id: outcome.proposalId, schemaVersion: 1 });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    find: async (proposalId) => {
      const found = await outcomes.findOne({ _id: proposalId });
      return found ? toOutcome(found) : null;
    },
    release: async (claim) => {
      // Only that claim: a void claim is void for good, so whoever removes it removes the same thing.
      await outcomes.deleteOne({ _id: claim.proposalId, outcome: 'applied', versionNumber: claim.versionNumber ?? -1, at: claim.at });
    },
  };
};
