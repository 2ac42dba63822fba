import { createFlowCreateService, createFlowReadService, type FlowVersion } from '../flows/index.ts';
import type { AiQuality, MessageIntent } from './agents.ts';
import type { KeyedRequest } from './idempotency.ts';
import { keyedFlowId } from './idempotency.ts';
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
import { openProposalOf } from './proposal-state.ts';
import type { AiJob } from './records.ts';
import { aiRequestErrors } from './request-errors.ts';
import type { AgentsFor } from './runner-ports.ts';

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

export interface ReviewRequest {
  message: string;
  quality: AiQuality;
  focusNodeIds: readonly string[];
}

export interface RefineRequest {
  feedback: string;
  quality: AiQuality;
}

/** The flow as the caller may see it, once they may use the AI in its workspace. */
export const aiFlowOf = async (ports: AdmissionPorts, who: Requester, flowId: string): Promise<FlowVersion> => {
  const { version } = await createFlowReadService(ports.flows).get(who.caller, flowId);
  await requirePermission(who.caller, version.workspaceId, 'ai:use');
  return version;
};

/** A message: screened, classified (the client's intent, the rules, then the agents), the permission its operation needs, then the job. */
export const admitMessage = async (
  ports: AdmissionPorts,
  deps: { rules: RulesClassifier; agents: AgentsFor },
  who: Requester,
  flowId: string,
  request: MessageRequest,
  keyed: KeyedRequest | null,
): Promise<AiJob> => {
  const version = await aiFlowOf(ports, who, flowId);
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
  return acceptJob(
    ports,
    who,
    {
      version,
      operation,
      quality: request.quality,
      kind: operation === 'ai.refine' ? 'feedback' : 'message',
      text: request.message,
      focusNodeIds: request.focusNodeIds,
      intentSource: decided.source,
      proposalId: operation === 'ai.refine' ? (open?.id ?? null) : null,
    },
    keyed,
  );
};

/** A flow name from a description: its first words, within the schema's 100 characters. */
const nameFrom = (description: string): string => {
  const words = description.trim().split(/\s+/).slice(0, 8).join(' ');
  const name = words.length > 60 ? `${words.slice(0, 59)}…` : words;
  return name.length > 0 ? name : 'New flow';
};

/**
 * A description: credits held, then an empty flow, then the `ai.generate` job. Under a key the flow
 * is named after the job (`keyedFlowId`): an attempt that finds it made by an earlier one (which
 * ended before storing the job) continues with it, and the credits are not released on a failure
 * (the key's reservation is shared with the retry).
 */
export const admitGenerate = async (
  ports: AdmissionPorts,
  who: Requester,
  workspaceId: string,
  request: GenerateRequest,
  keyed: KeyedRequest | null,
): Promise<AiJob> => {
  await requirePermission(who.caller, workspaceId, 'flows:create');
  requireClean(request.description);
  requireClean(request.name ?? '');
  const held = await holdCredits(ports, who, workspaceId, { operation: 'ai.generate', quality: request.quality }, keyed);
  const creator = createFlowCreateService(ports.flows);
  const input = { name: request.name ?? nameFrom(request.description) };
  let version;
  try {
    ({ version } = keyed
      ? await creator.createOnce(who.caller, workspaceId, input, await keyedFlowId(keyed))
      : await creator.create(who.caller, workspaceId, input));
  } catch (error) {
    if (!keyed) await releaseHeld(ports, who, held);
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
};
