import { createFlowReadService, flowServiceErrors, type FlowCaller, type WriteResult } from '../flows/index.ts';
import { aiRequestErrors } from './request-errors.ts';
import { requirePermission } from './job-admission.ts';
import type { NodePlacer } from './placement.ts';
import type { AiPorts, ProposalEdit } from './ports.ts';
import { proposalStateOf, requireOpen, type ProposalState } from './proposal-state.ts';
import type { Proposal } from './records.ts';
import { selectOperations } from './selection.ts';
import { validateProposal } from './validator.ts';

export type ProposalPorts = AiPorts & { edit: ProposalEdit; place: NodePlacer };

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
     * If-Match. On a flow that moved since the proposal, the selection is checked again against
     * the current version (flow rules, no new lint error) and applied when it still validates.
     * The first apply or discard closes the proposal (a unique insert); a failed write reopens it.
     * @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED / _SUPERSEDED / _EXPIRED / _STALE (409);
     *   UNKNOWN_OPERATIONS / SELECTION_NOT_CLOSED (422); the flow edit's errors (412, 428, 422, 402).
     */
    apply: async (
      caller: FlowCaller,
      flowId: string,
      proposalId: string,
      request: { operationIds?: readonly string[]; expectedVersions: readonly number[] | null },
    ): Promise<WriteResult & { proposal: Proposal }> => {
      const proposal = await proposalFor(caller, flowId, proposalId);
      await requirePermission(caller, proposal.workspaceId, 'flows:update');
      requireOpen(proposal, (await proposalStateOf(ports, proposal, ports.clock.now())).state);
      let selected = selectOperations(proposal.operations, request.operationIds);
      const { version: current } = await createFlowReadService(ports.flows).get(caller, flowId);
      // The If-Match first: a client that has not seen the current version learns that before anything else.
      if (request.expectedVersions === null) throw flowServiceErrors.ifMatchRequired();
      if (!request.expectedVersions.includes(current.versionNumber)) throw flowServiceErrors.versionConflict(current.versionNumber);
      if (current.versionNumber !== proposal.baseVersion) {
        const { limits } = await ports.flows.plans.limitsOf(proposal.workspaceId);
        const again = validateProposal({
          base: current.document,
          // The frame fits were worked out for the old base: the placer works them out again.
          operations: selected.filter((proposed) => !proposed.id.startsWith('fit-')),
          flowId,
          limits,
          mode: 'generate',
          texts: [],
          focusNodeIds: [],
          place: ports.place,
          context: { newId: ports.newId, now: ports.clock.now },
        });
        if (again.errors.length > 0) throw aiRequestErrors.proposalStale(again.errors);
        selected = again.operations;
      }
      if (!(await ports.outcomes.insert({ proposalId, outcome: 'applied', by: caller.userId, at: ports.clock.now() }))) {
        const closed = await ports.outcomes.find(proposalId);
        throw aiRequestErrors.proposalClosed(closed?.outcome ?? 'applied');
      }
      try {
        const written = await ports.edit(
          caller,
          flowId,
          request.expectedVersions,
          selected.map((proposed) => proposed.operation),
          {
            via: {
              kind: 'proposal',
              proposalId,
              model: proposal.model,
              promptId: proposal.promptId,
              messageId: proposal.messageId,
              rationales: Object.fromEntries(selected.map((proposed, index) => [index, proposed.rationale])),
            },
          },
        );
        return { ...written, proposal };
      } catch (error) {
        await ports.outcomes.remove(proposalId);
        throw error;
      }
    },

    /** Closes an open proposal unapplied; discarding a discarded one again is fine. @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED (409) once applied. */
    discard: async (caller: FlowCaller, flowId: string, proposalId: string): Promise<void> => {
      await proposalFor(caller, flowId, proposalId);
      if (await ports.outcomes.insert({ proposalId, outcome: 'discarded', by: caller.userId, at: ports.clock.now() })) return;
      const closed = await ports.outcomes.find(proposalId);
      if (closed?.outcome === 'applied') throw aiRequestErrors.proposalClosed('applied');
    },
  };
};
