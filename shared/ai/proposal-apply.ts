import { createFlowReadService, flowServiceErrors, type FlowCaller, type WriteResult } from '../flows/index.ts';
import { isDomainError } from '../kernel/index.ts';
import { claimStatus, madeVia } from './apply-claim.ts';
import type { NodePlacer } from './placement.ts';
import type { AiPorts, ProposalEdit } from './ports.ts';
import { proposalStateOf, requireOpen } from './proposal-state.ts';
import type { ProposedOperation } from './agents.ts';
import type { Proposal, ProposalOutcome } from './records.ts';
import { aiRequestErrors } from './request-errors.ts';
import { selectOperations } from './selection.ts';
import { validateProposal } from './validator.ts';

export type ProposalPorts = AiPorts & { edit: ProposalEdit; place: NodePlacer };

export interface ApplyRequest {
  operationIds?: readonly string[];
  expectedVersions: readonly number[] | null;
}

/** The operations to write on the flow as it is now: the selection, validated again when the flow moved since the proposal. */
const operationsFor = async (ports: ProposalPorts, caller: FlowCaller, proposal: Proposal, request: ApplyRequest) => {
  const selected = selectOperations(proposal.operations, request.operationIds);
  const { version: current } = await createFlowReadService(ports.flows).get(caller, proposal.flowId);
  // The If-Match first: a client that has not seen the current version learns that before anything else.
  if (request.expectedVersions === null) throw flowServiceErrors.ifMatchRequired();
  if (!request.expectedVersions.includes(current.versionNumber)) throw flowServiceErrors.versionConflict(current.versionNumber);
  if (current.versionNumber === proposal.baseVersion) return { selected, current: current.versionNumber };
  const { limits } = await ports.flows.plans.limitsOf(proposal.workspaceId);
  const again = validateProposal({
    base: current.document,
    // The frame fits were worked out for the old base: the placer works them out again.
    operations: selected.filter((proposed) => !proposed.id.startsWith('fit-')),
    flowId: proposal.flowId,
    limits,
    mode: 'generate',
    texts: [],
    focusNodeIds: [],
    place: ports.place,
    context: { newId: ports.newId, now: ports.clock.now },
  });
  if (again.errors.length > 0) throw aiRequestErrors.proposalStale(again.errors);
  return { selected: again.operations, current: current.versionNumber };
};

/** The version the proposal was applied as, answered again to a retry that sent the If-Match of the first apply. */
const replayed = async (ports: ProposalPorts, proposal: Proposal, claim: ProposalOutcome, request: ApplyRequest): Promise<WriteResult> => {
  const number = claim.versionNumber;
  const version = number === undefined ? null : await ports.flows.versions.find(proposal.flowId, number);
  if (!version || number === undefined || !request.expectedVersions?.includes(number - 1)) throw aiRequestErrors.proposalClosed('applied');
  return { version, warnings: [] };
};

/**
 * Writes version `claim.versionNumber` via the proposal. After a failure the version decides: the
 * proposal's → the apply happened (a lost answer, a twin that won); another's → the claim is void
 * and taken back; none, after a refusal of the flows engine (a 4xx: it will refuse again) → taken
 * back; none after anything else (the store unreachable) → left pending for a retry to finish.
 */
const write = async (
  ports: ProposalPorts,
  caller: FlowCaller,
  proposal: Proposal,
  claim: ProposalOutcome,
  selected: readonly ProposedOperation[],
): Promise<WriteResult> => {
  const number = claim.versionNumber ?? 0;
  try {
    return await ports.edit(
      caller,
      proposal.flowId,
      [number - 1],
      selected.map((proposed) => proposed.operation),
      {
        via: {
          kind: 'proposal',
          proposalId: proposal.id,
          model: proposal.model,
          promptId: proposal.promptId,
          messageId: proposal.messageId,
          rationales: Object.fromEntries(selected.map((proposed, index) => [index, proposed.rationale])),
        },
      },
    );
  } catch (error) {
    const version = await ports.flows.versions.find(proposal.flowId, number).catch(() => undefined);
    if (version && madeVia(version.provenance, proposal.id)) return { version, warnings: [] };
    if (version || (version === null && isDomainError(error))) await ports.outcomes.release(claim).catch(() => undefined);
    throw error;
  }
};

// What an apply sees when a racing apply of the same proposal got ahead of it.
const racedCodes: ReadonlySet<string> = new Set(['PROPOSAL_CLOSED', 'PROPOSAL_APPLYING', 'VERSION_CONFLICT']);

/**
 * Applies an open proposal (all of it, or a closed selection) under If-Match, or finishes an apply
 * that did not (`apply-claim.ts`). The claim names version current + 1; racing applies of the same
 * proposal share it and the version insert lets one write it (the other finds it the proposal's).
 */
export const applyProposal = async (
  ports: ProposalPorts,
  caller: FlowCaller,
  proposal: Proposal,
  request: ApplyRequest,
): Promise<WriteResult> => {
  for (let round = 0; round < 4; round++) {
    const claim = await ports.outcomes.find(proposal.id);
    if (claim) {
      if (claim.outcome === 'discarded') throw aiRequestErrors.proposalClosed('discarded');
      const status = await claimStatus(ports, proposal, claim);
      if (status === 'committed') return replayed(ports, proposal, claim, request);
      if (status === 'pending') {
        if (ports.clock.now().getTime() >= proposal.expiresAt.getTime()) throw aiRequestErrors.proposalExpired(proposal.expiresAt);
        const prepared = await operationsFor(ports, caller, proposal, request).catch(async (error: unknown) => {
          // A twin finished it meanwhile (the flow is at its version now): read the claim again.
          if (isDomainError(error) && error.code === 'VERSION_CONFLICT' && (await claimStatus(ports, proposal, claim)) !== 'pending')
            return null;
          throw error;
        });
        if (prepared) return write(ports, caller, proposal, claim, prepared.selected);
        continue;
      }
      await ports.outcomes.release(claim);
      continue;
    }
    let prepared;
    try {
      requireOpen(proposal, (await proposalStateOf(ports, proposal, ports.clock.now())).state);
      prepared = await operationsFor(ports, caller, proposal, request);
    } catch (error) {
      // A twin claimed (and maybe wrote) it since the claim was read: its claim answers this one too.
      if (isDomainError(error) && racedCodes.has(error.code) && (await ports.outcomes.find(proposal.id))) continue;
      throw error;
    }
    const { current, selected } = prepared;
    const fresh: ProposalOutcome = {
      proposalId: proposal.id,
      outcome: 'applied',
      by: caller.userId,
      at: ports.clock.now(),
      versionNumber: current + 1,
    };
    if (await ports.outcomes.insert(fresh)) return write(ports, caller, proposal, fresh, selected);
    // A racing apply or discard closed it first: read what it did.
  }
  throw flowServiceErrors.busy();
};
