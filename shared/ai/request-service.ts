import { admitOnce, keyedRequest } from './idempotency.ts';
import { acceptJob, requireClean, requireFocus, requirePermission, type AdmissionPorts, type Requester } from './job-admission.ts';
import { proposalStateOf, requireOpen } from './proposal-state.ts';
import type { AiJob } from './records.ts';
import {
  admitGenerate,
  admitMessage,
  aiFlowOf,
  type GenerateRequest,
  type MessageRequest,
  type RefineRequest,
  type ReviewRequest,
} from './request-admission.ts';
import { aiRequestErrors } from './request-errors.ts';
import type { RulesClassifier } from './intent.ts';
import type { AgentsFor } from './runner-ports.ts';

export type { GenerateRequest, MessageRequest, RefineRequest, ReviewRequest } from './request-admission.ts';

/**
 * Accepting AI work (202 + a job): conversation messages, new flows from a description, reviews and
 * refinements. Every request needs `ai:use`; a change needs `flows:update`, a question or a review
 * `flows:read` (checked once the operation is known). The text is screened before anything is held.
 * Each accepts an Idempotency-Key (`idempotency.ts`): a retry with it is answered with the first job.
 */
export const createAiRequestService = (ports: AdmissionPorts, deps: { rules: RulesClassifier; agents: AgentsFor }) => {
  const flowOf = (who: Requester, flowId: string) => aiFlowOf(ports, who, flowId);

  return {
    /**
     * `key`: the request's Idempotency-Key (`idempotency.ts`); a retry with it is answered with the first job.
     * @throws MESSAGE_FLAGGED, FOCUS_NODES_NOT_FOUND (422); NO_OPEN_PROPOSAL, IDEMPOTENCY_KEY_REUSED (409); PERMISSION_DENIED; the 402s of acceptJob.
     */
    sendMessage: async (who: Requester, flowId: string, request: MessageRequest, key?: string): Promise<AiJob> => {
      const keyed = await keyedRequest(who, 'ai.messages', key, { flowId, ...request });
      return admitOnce(ports, keyed, () => admitMessage(ports, deps, who, flowId, request, keyed));
    },

    /** Checks that the caller may ask for a change to the flow (ai:use, flows:update). @throws FLOW_NOT_FOUND (404); PERMISSION_DENIED (403). */
    checkChange: async (who: Requester, flowId: string): Promise<void> => {
      const version = await flowOf(who, flowId);
      await requirePermission(who.caller, version.workspaceId, 'flows:update');
    },

    /**
     * A new, empty flow and an `ai.generate` job that fills it. Under a key the flow is named after
     * the job, so a retry after a crash between the two finishes with the same flow.
     * @throws FLOW_LIMIT_REACHED (402) and the errors of sendMessage.
     */
    generateFlow: async (who: Requester, workspaceId: string, request: GenerateRequest, key?: string): Promise<AiJob> => {
      const keyed = await keyedRequest(who, 'ai.flows', key, { workspaceId, ...request });
      return admitOnce(ports, keyed, () => admitGenerate(ports, who, workspaceId, request, keyed));
    },

    /** An `ai.review` job: the UX lint plus the agents' commentary. */
    requestReview: async (who: Requester, flowId: string, request: ReviewRequest, key?: string): Promise<AiJob> => {
      const keyed = await keyedRequest(who, 'ai.review', key, { flowId, ...request });
      return admitOnce(ports, keyed, async () => {
        const version = await flowOf(who, flowId);
        requireClean(request.message);
        requireFocus(version, request.focusNodeIds);
        await requirePermission(who.caller, version.workspaceId, 'flows:read');
        return acceptJob(
          ports,
          who,
          {
            version,
            operation: 'ai.review',
            quality: request.quality,
            kind: 'review',
            text: request.message,
            focusNodeIds: request.focusNodeIds,
            intentSource: 'endpoint',
            proposalId: null,
          },
          keyed,
        );
      });
    },

    /** An `ai.refine` job revising the caller's open proposal. @throws PROPOSAL_NOT_FOUND (404); PROPOSAL_CLOSED / _SUPERSEDED / _EXPIRED (409). */
    refine: async (who: Requester, flowId: string, proposalId: string, request: RefineRequest, key?: string): Promise<AiJob> => {
      const keyed = await keyedRequest(who, 'ai.refine', key, { flowId, proposalId, ...request });
      return admitOnce(ports, keyed, async () => {
        const version = await flowOf(who, flowId);
        const proposal = await ports.proposals.find(proposalId);
        if (proposal?.flowId !== flowId || proposal.userId !== who.caller.userId) throw aiRequestErrors.proposalNotFound();
        requireOpen(proposal, (await proposalStateOf(ports, proposal, ports.clock.now())).state);
        requireClean(request.feedback);
        await requirePermission(who.caller, version.workspaceId, 'flows:update');
        return acceptJob(
          ports,
          who,
          {
            version,
            operation: 'ai.refine',
            quality: request.quality,
            kind: 'feedback',
            text: request.feedback,
            focusNodeIds: [],
            intentSource: 'endpoint',
            proposalId,
          },
          keyed,
        );
      });
    },
  };
};
