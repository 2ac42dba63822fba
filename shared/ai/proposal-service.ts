import { flowServiceErrors, type FlowCaller, type WriteResult } from '../flows/index.ts';
import { claimStatus } from './apply-claim.ts';
import { applyProposal, type ApplyRequest, type ProposalPorts } from './proposal-apply.ts';
import { aiRequestErrors } from './request-errors.ts';
import { requirePermission } from './job-admission.ts';
import { proposalStateOf, type ProposalState } from './proposal-state.ts';
import type { Proposal } from './records.ts';

export type { ApplyRequest, ProposalPorts } from './proposal-apply.ts';

/**
 * Reviewing, applying and discarding proposals. A proposal is its requester's (anyone else is told
 * it does not exist). Applying is free of credits and makes an ordinary version through the flows
 * engine, authored by the user and marked as made via the proposal.
 */
export const createProposalService = (ports: ProposalPorts) => {
  const proposalFor = async (caller: FlowCaller, flowId: string, proposalId: string): Promise<Proposal> => {
    const proposal = await ports.proposals.find(proposalId);
    if (proposal?.flowId !== flowId) throw aiRequestErrors.proposalNotFound();
    // The workspace first (another tenant: 404; a member without ai:use: 403), then whose proposal it is.
    await requirePermission(caller, proposal.workspaceId, 'ai:use', aiRequestErrors.proposalNotFound);
    if (proposal.userId !== caller.userId) throw aiRequestErrors.proposalNotFound();
    return proposal;
  };

  return {
    /** @throws PROPOSAL_NOT_FOUND (404). */
    get: async (caller: FlowCaller, flowId: string, proposalId: string): Promise<{ proposal: Proposal; state: ProposalState }> => {
      const proposal = await proposalFor(caller, flowId, proposalId);
      return { proposal, ...(await proposalStateOf(ports, proposal, ports.clock.now())) };
    },

    /**
     * Applies all of an open proposal's operations, or the closed selection `operationIds`, under
     * If-Match (`proposal-apply.ts`). On a flow that moved since the proposal, the selection is
     * checked again against the current version (flow rules, no new lint error) and applied when it
     * still validates. An apply that did not finish is finished by a retry with the same If-Match,
     * and a retry of one that did is answered with its version.
     * @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED / _APPLYING / _SUPERSEDED / _EXPIRED / _STALE (409);
     *   UNKNOWN_OPERATIONS / SELECTION_NOT_CLOSED (422); the flow edit's errors (412, 428, 422, 402).
     */
    apply: async (
      caller: FlowCaller,
      flowId: string,
      proposalId: string,
      request: ApplyRequest,
    ): Promise<WriteResult & { proposal: Proposal }> => {
      const proposal = await proposalFor(caller, flowId, proposalId);
      await requirePermission(caller, proposal.workspaceId, 'flows:update');
      return { ...(await applyProposal(ports, caller, proposal, request)), proposal };
    },

    /**
     * Closes an open proposal unapplied; discarding a discarded one again is fine.
     * @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED (409) once applied, PROPOSAL_APPLYING (409) while an apply is unfinished.
     */
    discard: async (caller: FlowCaller, flowId: string, proposalId: string): Promise<void> => {
      const proposal = await proposalFor(caller, flowId, proposalId);
      for (let round = 0; round < 3; round++) {
        if (await ports.outcomes.insert({ proposalId, outcome: 'discarded', by: caller.userId, at: ports.clock.now() })) return;
        const closed = await ports.outcomes.find(proposalId);
        if (closed?.outcome === 'discarded') return;
        if (!closed) continue;
        const status = await claimStatus(ports, proposal, closed);
        if (status === 'committed') throw aiRequestErrors.proposalClosed('applied');
        if (status === 'pending') throw aiRequestErrors.proposalApplying();
        await ports.outcomes.release(closed);
      }
      throw flowServiceErrors.busy();
    },
  };
};
