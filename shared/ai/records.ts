import type { AiOperation, AiQuality, JobStep, ModelUsage, ProposedOperation, ReviewFinding } from './agents.ts';
import type { FlowIssue, FlowOperation, LintFinding } from '../flows/index.ts';

/** What a conversation entry was sent as: a message, a journey description, proposal feedback, a review request or an image. */
export const messageKinds = ['message', 'description', 'feedback', 'review', 'image'] as const;
export type MessageKind = (typeof messageKinds)[number];

/** One thing a user said to the AI about a flow; immutable. */
export interface AiMessage {
  id: string;
  workspaceId: string;
  flowId: string;
  userId: string;
  /** A user id, or `apikey:<id>` when an API key sent it (the ledger's actor). */
  actor: string;
  kind: MessageKind;
  /** Sealed at rest under the author's data key; null once that key is destroyed (the author was erased). */
  text: string | null;
  focusNodeIds: string[];
  jobId: string;
  createdAt: Date;
}

/** How a job's operation was decided. */
export type IntentSource = 'client' | 'rules' | 'model' | 'endpoint';

/**
 * A piece of AI work, written once when it is accepted. Its progress lives in the step log
 * (append-only entries), never in this record: the only later write is the outbox mark.
 */
export interface AiJob {
  id: string;
  workspaceId: string;
  flowId: string;
  userId: string;
  actor: string;
  operation: AiOperation;
  quality: AiQuality;
  /** The credits reserved (the operation's price × 2 for pro quality). */
  credits: number;
  reservationId: string;
  messageId: string;
  intentSource: IntentSource;
  /** For `ai.refine`: the proposal revised. */
  proposalId: string | null;
  /** The flow version the request saw. */
  baseVersion: number;
  createdAt: Date;
  /** When its `job.requested` event went out (the outbox); null until then. */
  publishedAt: Date | null;
  /**
   * For a request sent with an `Idempotency-Key`: the hash of what it asked for (route parameters
   * and body). A retry with the same key and hash is answered with this job; another hash is refused.
   */
  requestHash?: string;
}

/** A citation of an answer: the `[n]` it uses and the passage it points at. */
export interface AnswerCitation {
  citation: number;
  title: string;
  documentId: string;
  chunkId: string;
  excerpt: string;
}

/** What a finished job delivered. */
export type JobResult =
  | { kind: 'answer'; answer: string; citations: AnswerCitation[]; clarifying: boolean }
  | { kind: 'proposal'; proposalId: string }
  | { kind: 'review'; summary: string; findings: (ReviewFinding & { rule: string | null })[] };

/** Why a job failed: a stable code, a text for people, and for a proposal that never validated, what was wrong. */
export interface JobError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One entry of a job's step log, `(jobId, seq)` unique. Seq 0 is the runner's claim (a redelivered
 * event finds it taken and stops); then the steps and the architect's operations as they come;
 * the last is `done` or `failed`.
 */
export type JobEntry = { jobId: string; seq: number; at: Date } & (
  | { kind: 'claimed' }
  | { kind: 'step'; step: JobStep; detail: Record<string, unknown> }
  /** An operation of the architect's draft as it was produced (round 0, then each repair round); a later one with the same round and id replaces it. */
  | { kind: 'operation'; round: number; operationId: string; operation: FlowOperation; rationale: string }
  | { kind: 'done'; result: JobResult; charged: number; usage: ModelUsage[] }
  | { kind: 'failed'; error: JobError; usage: ModelUsage[] }
);

/** A proposal: the plan and the operations that carry it out, validated on a copy of the flow. Immutable. */
export interface Proposal {
  id: string;
  jobId: string;
  workspaceId: string;
  flowId: string;
  userId: string;
  messageId: string;
  /** The flow version the operations were built and validated against. */
  baseVersion: number;
  steps: string[];
  operations: ProposedOperation[];
  /** The flow rules' warnings of the preview (the flow with every operation applied). */
  warnings: FlowIssue[];
  /** The UX lint's findings on the preview. */
  lint: LintFinding[];
  model: string;
  promptId: string;
  /** The proposal this one revised (`ai.refine`). */
  revises: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** The (flow, user) slot a proposal took: the highest slot is the open one, every lower one superseded. */
export interface ProposalSlot {
  flowId: string;
  userId: string;
  seq: number;
  proposalId: string;
  at: Date;
}

/**
 * How a proposal was closed; one per proposal (the insert decides between an apply and a discard).
 * An `applied` outcome is a claim: the apply's commit point is the flow version `versionNumber`
 * made via the proposal (`apply-claim.ts` reads which it is). Outcomes stored before the number
 * was recorded have none and count as committed.
 */
export interface ProposalOutcome {
  proposalId: string;
  outcome: 'applied' | 'discarded';
  by: string;
  at: Date;
  versionNumber?: number;
}
