import type { AiPorts } from './ports.ts';
import type { Proposal, ProposalOutcome } from './records.ts';

/**
 * Where an apply stands. The apply first claims the proposal (its outcome, a unique insert, naming
 * the version number it is going to write), then writes that version through the flows engine; the
 * version insert (unique per flow and number, carrying the proposal id in its provenance) is the
 * commit point. Between the two a function can die, so the claim is read against the versions:
 * - `committed`: version `versionNumber` is the proposal's — it is applied;
 * - `pending`: the version is not there and the flow has not moved past it — an apply is under way
 *   or died; applying again with the same If-Match finishes it;
 * - `void`: another change took that number — this apply can never be written; the claim is taken back.
 * A claim whose version was pruned since (the flow moved on by more than the plan keeps) counts as
 * committed: never apply twice.
 */
export type ClaimStatus = 'committed' | 'pending' | 'void';

export const claimStatus = async (
  ports: Pick<AiPorts, 'flows'>,
  proposal: Pick<Proposal, 'id' | 'flowId'>,
  claim: ProposalOutcome,
): Promise<ClaimStatus> => {
  if (claim.outcome !== 'applied' || claim.versionNumber === undefined) return 'committed';
  const version = await ports.flows.versions.find(proposal.flowId, claim.versionNumber);
  if (version) return madeVia(version.provenance, proposal.id) ? 'committed' : 'void';
  const latest = await ports.flows.versions.findLatest(proposal.flowId);
  return latest && latest.versionNumber >= claim.versionNumber ? 'committed' : 'pending';
};

/** Whether a version's provenance names the proposal. */
export const madeVia = (provenance: { kind: string; proposalId?: string } | undefined, proposalId: string): boolean =>
  provenance?.kind === 'proposal' && provenance.proposalId === proposalId;
