import type { Db } from 'mongodb';
import type { Proposal, ProposalOutcome, ProposalOutcomes, ProposalSlot, ProposalSlots, ProposalStore } from '../../ai/index.ts';
import type { ContentSealer } from '../crypto/sealed-content.ts';
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

type StoredProposal = Omit<Proposal, 'id' | 'steps' | 'operations'> & {
  _id: string;
  schemaVersion: 1;
  steps: unknown;
  operations: unknown;
};

/**
 * `ai_proposals`: immutable, `_id` = the proposal id. The plan and the operations (made from the
 * person's message) are sealed under the requester's data key; proposals written before sealing
 * read as they are, and once the key is destroyed both read empty.
 */
export const createAiProposalStore = (db: Db, seal: ContentSealer): ProposalStore => {
  const proposals = aiProposalCollection.in<StoredProposal>(db);
  const name = aiProposalCollection.name;
  const toProposal = async ({ _id, schemaVersion: _s, steps, operations, ...rest }: StoredProposal): Promise<Proposal> => ({
    ...rest,
    id: _id,
    steps: (await seal.openJson<Proposal['steps']>(rest.userId, name, 'steps', _id, steps)) ?? [],
    operations: (await seal.openJson<Proposal['operations']>(rest.userId, name, 'operations', _id, operations)) ?? [],
  });
  return {
    insert: async ({ id, steps, operations, ...proposal }) => {
      const [sealedSteps, sealedOperations] = await Promise.all([
        seal.json(proposal.userId, name, 'steps', id, steps),
        seal.json(proposal.userId, name, 'operations', id, operations),
      ]);
      await proposals.insertOne({ ...proposal, steps: sealedSteps, operations: sealedOperations, _id: id, schemaVersion: 1 });
    },
    find: async (id) => {
      const found = await proposals.findOne({ _id: id });
      return found ? toProposal(found) : null;
    },
    findByJobs: async (jobIds) =>
      jobIds.length === 0 ? [] : Promise.all((await proposals.find({ jobId: { $in: [...jobIds] } }).toArray()).map(toProposal)),
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
