import type { FlowDocument, FlowOperation } from '../flows/index.ts';

/*
 * The agents' port: what the job runner asks of whoever thinks (a model through the provider
 * layer, or the offline planner). The runner owns everything else: credits, retrieval, the step
 * log, applying operations to a copy, the flow rules, the UX lint, incremental layout and the
 * repair loop. Agents never see credits, ids of other tenants or coordinates they may set.
 */

/** The credit-priced AI operations (docs/product.md, credits table). */
export const aiOperations = ['ai.chat', 'ai.plan', 'ai.generate', 'ai.refine', 'ai.review', 'ai.image'] as const;
export type AiOperation = (typeof aiOperations)[number];

/** What a message asks for; `ai.image` is decided by the endpoint, never by classification. */
export type MessageIntent = Exclude<AiOperation, 'ai.image'>;

/** The steps a job goes through, in its step log (`reading`: a sketch or screenshot, `ai.image` only). */
export const jobSteps = ['classifying', 'retrieving', 'reading', 'planning', 'building', 'validating', 'repairing'] as const;
export type JobStep = (typeof jobSteps)[number];

/** Answer quality: `pro` uses the better models at twice the credits (pro and enterprise plans). */
export const aiQualities = ['standard', 'pro'] as const;
export type AiQuality = (typeof aiQualities)[number];

/** The flow as agents see it: ids, types, titles, edges and frames; no styles, no positions. */
export interface CompactFlow {
  name: string;
  nodes: { id: string; type: string; title: string; frameId?: string }[];
  edges: { id: string; source: string; target: string; trigger?: string; label?: string; sourceHandle?: string }[];
  frames: { id: string; title: string; nodeIds: string[] }[];
}

/** A retrieved knowledge passage, already screened for prompt injection; cited as `[n]` (1-based). */
export interface Passage {
  title: string;
  text: string;
  documentId: string;
  chunkId: string;
}

/** What every agent call is told about the conversation. */
export interface AgentContext {
  /** The user's message (or the proposal feedback, or the description of a journey), screened. */
  message: string;
  /** The message's id: every operation names it (blame, traceability). */
  messageId: string;
  /** The whole current document (agents compact it themselves with `compactFlow`). */
  flow: FlowDocument;
  /** Nodes the user selected (`focusNodeIds`): seen in full, and the default target of an edit. */
  focusNodeIds: readonly string[];
  passages: readonly Passage[];
  quality: AiQuality;
  signal?: AbortSignal;
}

/** One operation of a proposal: addressed by ids, with why it is there. Positions are ignored (the layout engine places new nodes). */
export interface ProposedOperation {
  /** Stable within the proposal (`op1`, `op2`…): the client applies a subset by these ids. */
  id: string;
  operation: FlowOperation;
  /** One line: why this operation carries out the plan. */
  rationale: string;
}

/** A problem the validator found in one operation (or in the document, `operationId: null`), fed to a repair round. */
export interface OperationError {
  operationId: string | null;
  rule: string;
  message: string;
  nodeIds: string[];
}

/** What one model call cost: summed per job, read by the FinOps margin column. Zero for the offline planner. */
export interface ModelUsage {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costUsd: number;
}

/** Every agent answer says which prompt (id and version) and model produced it, for blame. */
export interface AgentProvenance {
  model: string;
  promptId: string;
  usage: ModelUsage[];
}

export type ClassifyResult = AgentProvenance & { intent: MessageIntent; reason: string };

export type AnswerResult = AgentProvenance & {
  /** Cites passages as `[n]`; null when the passages do not answer it. */
  answer: string | null;
  /** Set instead of an answer when the request is ambiguous: the question back to the user (billed as `ai.chat`). */
  clarifyingQuestion?: string;
};

export type PlanResult = AgentProvenance & {
  /** Numbered steps in plain words, in order. */
  steps: string[];
  /** Set instead of steps when the request cannot be carried out without knowing more. */
  clarifyingQuestion?: string;
};

export type BuildResult = AgentProvenance & { operations: ProposedOperation[] };

export interface ReviewFinding {
  nodeIds: string[];
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix?: FlowOperation[];
}

export type ReviewResult = AgentProvenance & { findings: ReviewFinding[]; summary: string };

/** A sketch or screenshot to read: its bytes (PNG or JPEG, checked by its signature), kept only for the job's life. */
export interface SketchImage {
  mediaType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** A screen the image shows, as the reader saw it: its title, whether it is a popup, what is on it, and where its actions lead. */
export interface SeenScreen {
  title: string;
  kind: 'screen' | 'popup';
  /** The visible fields, buttons and texts, in reading order. */
  elements: string[];
  /** The screens (by title) its actions lead to, and the action's label. */
  leadsTo: { title: string; trigger: string }[];
}

export type ImageReadResult = AgentProvenance & {
  /** In the order a user meets them (the first is where the journey starts). */
  screens: SeenScreen[];
  /** Set instead of screens when the image shows no flow the reader can tell (billed as `ai.chat`). */
  clarifyingQuestion?: string;
};

/**
 * The agents. Each method may throw a DomainError of kind `unavailable` (provider down, timeout:
 * the job fails and its credits are released) or `invalid` (output that does not parse).
 */
export interface Agents {
  /** Which operation a message asks for, when the rules could not tell. */
  classify: (context: AgentContext) => Promise<ClassifyResult>;
  /** A question about UX or the flow, answered from the passages with `[n]` citations. */
  answer: (context: AgentContext) => Promise<AnswerResult>;
  /** The plan for a change (`mode: edit`) or a whole journey (`generate`); `previous` and its feedback for a refinement. */
  plan: (
    context: AgentContext & {
      mode: 'edit' | 'generate';
      previous?: { steps: string[]; operations: ProposedOperation[]; feedback: string };
    },
  ) => Promise<PlanResult>;
  /**
   * The operations that carry out the steps; `errors` (a repair round) names what failed in the last
   * attempt, which it fixes in place. `onOperation`, when given, is told of each operation as soon
   * as it is complete (a streaming model); an agent that produces them all at once need not call it.
   */
  build: (
    context: AgentContext & {
      steps: string[];
      attempt?: { operations: ProposedOperation[]; errors: OperationError[] };
      onOperation?: (operation: ProposedOperation) => void;
    },
  ) => Promise<BuildResult>;
  /** UX commentary on top of the lint's findings (which the runner passes in `passages`-free form). */
  review: (context: AgentContext & { lint: readonly ReviewFinding[] }) => Promise<ReviewResult>;
  /** The screens a sketch or screenshot shows (`ai.image`); the architect then builds them like a plan. */
  readImage: (context: AgentContext & { image: SketchImage }) => Promise<ImageReadResult>;
}

/** The compact view of a document that prompts carry. */
export const compactFlow = (doc: FlowDocument): CompactFlow => ({
  name: doc.metadata.flowName,
  nodes: doc.nodes.map((n) => ({ id: n.id, type: n.type, title: n.title, ...(n.frameId ? { frameId: n.frameId } : {}) })),
  edges: doc.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.trigger ? { trigger: e.trigger } : {}),
    ...(e.label ? { label: e.label } : {}),
    ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
  })),
  frames: (doc.frames ?? []).map((f) => ({ id: f.id, title: f.title, nodeIds: [...f.nodeIds] })),
});
