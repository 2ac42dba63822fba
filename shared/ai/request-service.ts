import { createFlowCreateService, createFlowReadService } from '../flows/index.ts';
import type { AiQuality, MessageIntent } from './agents.ts';
import type { AgentsFor } from './runner-ports.ts';
import { aiRequestErrors } from './request-errors.ts';
import { changesFlow, decideIntent, type RulesClassifier } from './intent.ts';
import {
  acceptJob,
  holdCredits,
  recordJob,
  releaseHeld,
  requireClean,
  requireFocus,
  requirePermission,
  type AdmissionPorts,
  type Requester,
} from './job-admission.ts';
import { openProposalOf, proposalStateOf, requireOpen } from './proposal-state.ts';
import type { AiJob } from './records.ts';

export interface MessageRequest {
  message: string;
  quality: AiQuality;
  intent?: MessageIntent;
  focusNodeIds: readonly string[];
}

export interface GenerateRequest {
  description: string;
  name?: string;
  quality: AiQuality;
}

/** A flow name from a description: its first words, within the schema's 100 characters. */
const nameFrom = (description: string): string => {
  const words = description.trim().split(/\s+/).slice(0, 8).join(' ');
  const name = words.length > 60 ? `${words.slice(0, 59)}…` : words;
  return name.length > 0 ? name : 'New flow';
};

/**
 * Accepting AI work (202 + a job): conversation messages, new flows from a description, reviews and
 * refinements. Every request needs `ai:use`; a change needs `flows:update`, a question or a review
 * `flows:read` (checked once the operation is known). The text is screened before anything is held.
 */
export const createAiRequestService = (ports: AdmissionPorts, deps: { rules: RulesClassifier; agents: AgentsFor }) => {
  const flowOf = async (who: Requester, flowId: string) => {
    const { version } = await createFlowReadService(ports.flows).get(who.caller, flowId);
    await requirePermission(who.caller, version.workspaceId, 'ai:use');
    return version;
  };

  return {
    /** @throws MESSAGE_FLAGGED, FOCUS_NODES_NOT_FOUND (422); NO_OPEN_PROPOSAL (409); PERMISSION_DENIED; the 402s of acceptJob. */
    sendMessage: async (who: Requester, flowId: string, request: MessageRequest): Promise<AiJob> => {
      const version = await flowOf(who, flowId);
      requireClean(request.message);
      requireFocus(version, request.focusNodeIds);
      const open = await openProposalOf(ports, flowId, who.caller.userId, ports.clock.now());
      if (request.intent === 'ai.refine' && !open) throw aiRequestErrors.noOpenProposal();
      const decided = await decideIntent(request.intent, deps.rules, deps.agents({ workspaceId: version.workspaceId }), {
        message: request.message,
        messageId: '',
        flow: version.document,
        focusNodeIds: request.focusNodeIds,
        passages: [],
        quality: request.quality,
        hasOpenProposal: open !== null,
      });
      // Feedback with nothing to revise is a change request.
      const operation = decided.intent === 'ai.refine' && !open ? 'ai.plan' : decided.intent;
      await requirePermission(who.caller, version.workspaceId, changesFlow(operation) ? 'flows:update' : 'flows:read');
      return acceptJob(ports, who, {
        version,
        operation,
        quality: request.quality,
        kind: operation === 'ai.refine' ? 'feedback' : 'message',
        text: request.message,
        focusNodeIds: request.focusNodeIds,
        intentSource: decided.source,
        proposalId: operation === 'ai.refine' ? (open?.id ?? null) : null,
      });
    },

    /** Checks that the caller may ask for a change to the flow (ai:use, flows:update). @throws FLOW_NOT_FOUND (404); PERMISSION_DENIED (403). */
    checkChange: async (who: Requester, flowId: string): Promise<void> => {
      const version = await flowOf(who, flowId);
      await requirePermission(who.caller, version.workspaceId, 'flows:update');
    },

    /** A new, empty flow and an `ai.generate` job that fills it. @throws FLOW_LIMIT_REACHED (402) and the errors of sendMessage. */
    generateFlow: async (who: Requester, workspaceId: string, request: GenerateRequest): Promise<AiJob> => {
      await requirePermission(who.caller, workspaceId, 'flows:create');
      requireClean(request.description);
      requireClean(request.name ?? '');
      const held = await holdCredits(ports, who, workspaceId, { operation: 'ai.generate', quality: request.quality });
      let version;
      try {
        ({ version } = await createFlowCreateService(ports.flows).create(who.caller, workspaceId, {
          name: request.name ?? nameFrom(request.description),
        }));
      } catch (error) {
        await releaseHeld(ports, who, held);
        throw error;
      }
      return recordJob(ports, who, held, {
        version,
        operation: 'ai.generate',
        quality: request.quality,
        kind: 'description',
        text: request.description,
        focusNodeIds: [],
        intentSource: 'endpoint',
        proposalId: null,
      });
    },

    /** An `ai.review` job: the UX lint plus the agents' commentary. */
    requestReview: async (
      who: Requester,
      flowId: string,
      request: { message: string; quality: AiQuality; focusNodeIds: readonly string[] },
    ) => {
      const version = await flowOf(who, flowId);
      requireClean(request.message);
      requireFocus(version, request.focusNodeIds);
      await requirePermission(who.caller, version.workspaceId, 'flows:read');
      return acceptJob(ports, who, {
        version,
        operation: 'ai.review',
        quality: request.quality,
        kind: 'review',
        text: request.message,
        focusNodeIds: request.focusNodeIds,
        intentSource: 'endpoint',
        proposalId: null,
      });
    },

    /** An `ai.refine` job revising the caller's open proposal. @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED / _SUPERSEDED / _EXPIRED (409). */
    refine: async (who: Requester, flowId: string, proposalId: string, request: { feedback: string; quality: AiQuality }) => {
      const version = await flowOf(who, flowId);
      const proposal = await ports.proposals.find(proposalId);
      if (proposal?.flowId !== flowId || proposal.userId !== who.caller.userId) throw aiRequestErrors.proposalNotFound();
      requireOpen(proposal, (await proposalStateOf(ports, proposal, ports.clock.now())).state);
      requireClean(request.feedback);
      await requirePermission(who.caller, version.workspaceId, 'flows:update');
      return acceptJob(ports, who, {
        version,
        operation: 'ai.refine',
        quality: request.quality,
        kind: 'feedback',
        text: request.feedback,
        focusNodeIds: [],
        intentSource: 'endpoint',
        proposalId,
      });
    },
  };
};
