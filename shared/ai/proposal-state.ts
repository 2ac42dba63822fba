import { claimStatus } from './apply-claim.ts';
import { aiRequestErrors } from './request-errors.ts';
import type { AiPorts } from './ports.ts';
import type { Proposal } from './records.ts';

/** A proposal lives this long after it is made; then it can only be asked for again. */
export const proposalTtlMs = 15 * 60_000;

export const proposalStates = ['open', 'applying', 'applied', 'discarded', 'superseded', 'expired'] as const;
export type ProposalState = (typeof proposalStates)[number];

/**
 * A proposal's state, derived from inserts only: its outcome (applied — once its version is written,
 * `apply-claim.ts` — or discarded; `applying` while an apply's version is not written, until it
 * expires), else whether a later proposal took a higher (flow, user) slot (superseded), else its expiry.
 */
export const proposalStateOf = async (
  ports: Pick<AiPorts, 'outcomes' | 'slots' | 'flows'>,
  proposal: Proposal,
  now: Date,
): Promise<{ state: ProposalState }> => {
  const [outcome, latest] = await Promise.all([ports.outcomes.find(proposal.id), ports.slots.latest(proposal.flowId, proposal.userId)]);
  const expired = now.getTime() >= proposal.expiresAt.getTime();
  const status = outcome ? await claimStatus(ports, proposal, outcome) : 'void';
  if (outcome && status === 'committed') return { state: outcome.outcome };
  if (outcome && status === 'pending' && !expired) return { state: 'applying' };
  if (latest && latest.proposalId !== proposal.id) return { state: 'superseded' };
  if (expired) return { state: 'expired' };
  return { state: 'open' };
};

/** Throws the error a proposal that is not open answers with: PROPOSAL_CLOSED, _APPLYING, _SUPERSEDED or _EXPIRED (409). */
export const requireOpen = (proposal: Proposal, state: ProposalState): void => {
  if (state === 'applied' || state === 'discarded') throw aiRequestErrors.proposalClosed(state);
  if (state === 'applying') throw aiRequestErrors.proposalApplying();
  if (state === 'superseded') throw aiRequestErrors.proposalSuperseded();
  if (state === 'expired') throw aiRequestErrors.proposalExpired(proposal.expiresAt);
};

/** The user's open proposal on a flow, or null. */
export const openProposalOf = async (
  ports: Pick<AiPorts, 'outcomes' | 'slots' | 'proposals' | 'flows'>,
  flowId: string,
  userId: string,
  now: Date,
) => {
  const latest = await ports.slots.latest(flowId, userId);
  if (!latest) return null;
  const proposal = await ports.proposals.find(latest.proposalId);
  if (!proposal) return null;
  const { state } = await proposalStateOf(ports, proposal, now);
  return state === 'open' ? proposal : null;
};

const maxAttempts = 50;

/**
 * Takes the next (flow, user) slot for a new proposal, superseding the one before. Two proposals
 * racing for the same seq: the insert decides, the loser takes the next one (and is the open one).
 */
export const takeSlot = async (ports: Pick<AiPorts, 'slots' | 'clock' | 'sleep'>, proposal: Pick<Proposal, 'id' | 'flowId' | 'userId'>) => {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const latest = await ports.slots.latest(proposal.flowId, proposal.userId);
    const slot = {
      flowId: proposal.flowId,
      userId: proposal.userId,
      seq: (latest?.seq ?? 0) + 1,
      proposalId: proposal.id,
      at: ports.clock.now(),
    };
    if (await ports.slots.insert(slot)) return slot;
    await ports.sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
  }
  throw new Error(`no proposal slot after ${maxAttempts} attempts`);
};
