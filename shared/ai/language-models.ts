import type { z } from 'zod';
import type { AiQuality, ModelUsage } from './agents.ts';

/**
 * The language-model port: what agents and knowledge answers ask of a model, whichever provider
 * serves it. The adapter (shared/infra/ai) picks the model from configuration by agent and quality,
 * retries, falls back to the next configured provider, keeps a circuit breaker per provider, and
 * records every call's tokens, latency and cost. Callers see text or a parsed object, and errors of
 * two kinds only: `unavailable` (try later: no provider answered) and `invalid` (the model's output
 * does not parse against the schema).
 */

/**
 * Who is asking: each has its own models per quality in the model map. `reader` reads sketches
 * and screenshots: only an entry naming it configures it (a `*` entry may map a model that reads
 * no images).
 */
export const modelAgents = ['classifier', 'planner', 'architect', 'answerer', 'reviewer', 'knowledge', 'reader'] as const;
export type ModelAgent = (typeof modelAgents)[number];

/** Who a call is billed to, for the call log (FinOps sums it per function, workspace and job). */
export interface ModelCallAttribution {
  workspaceId: string;
  /** The AI job the call belongs to, when there is one (the job's cost is the sum of its calls). */
  jobId?: string;
}

/** An image in a model request: its bytes and their media type (checked by the bytes before). */
export interface ModelImage {
  mediaType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

export interface ModelRequest {
  agent: ModelAgent;
  quality: AiQuality;
  /** The instructions (a versioned prompt). */
  system: string;
  /** The user turn: the material the model works on (screened before it gets here). */
  prompt: string;
  /** Images sent with the user turn, after its text (a model of the `reader` agent reads them). */
  images?: readonly ModelImage[];
  attribution: ModelCallAttribution;
  /** Upper bound of generated tokens; the provider's default when absent. */
  maxOutputTokens?: number;
  temperature?: number;
  /** Per attempt; the configured AI timeout when absent. */
  timeoutMs?: number;
  /** The caller giving up (a request that ended, a job cancelled): stops at once, not retried. */
  signal?: AbortSignal;
}

export interface TextRequest extends ModelRequest {
  /** When given, the answer is streamed and each piece of text is passed here as it arrives. */
  onText?: (delta: string) => void;
}

export interface ObjectRequest<T> extends ModelRequest {
  /** The shape of the answer: sent to the provider as a JSON schema, and the answer parsed with it. */
  schema: z.ZodType<T>;
  /** A short name of the object (`plan`, `operations`): some providers use it (tool or schema name). */
  schemaName: string;
  /** When given, the answer is streamed and each partial object is passed here as it grows. */
  onPartial?: (partial: unknown) => void;
}

/** What served a call: `usage` carries its provider, model, tokens, latency and cost. */
export interface ModelAnswer {
  usage: ModelUsage;
  /** True when an earlier provider of the fallback list failed or had its breaker open. */
  fellBack: boolean;
}

export interface LanguageModels {
  /** Whether a model is configured for the agent (at that quality; any quality when absent). False: use the offline path. */
  isConfigured: (agent: ModelAgent, quality?: AiQuality) => boolean;
  /** @throws DomainError `unavailable` (AI_UNAVAILABLE, AI_NOT_CONFIGURED). */
  text: (request: TextRequest) => Promise<ModelAnswer & { text: string }>;
  /** @throws DomainError `unavailable` (AI_UNAVAILABLE, AI_NOT_CONFIGURED) or `invalid` (AI_OUTPUT_INVALID). */
  object: <T>(request: ObjectRequest<T>) => Promise<ModelAnswer & { object: T }>;
}

/** How one attempt ended, in the call log. */
export const modelCallOutcomes = ['ok', 'invalid', 'rate_limited', 'server_error', 'timeout', 'refused', 'network', 'aborted'] as const;
export type ModelCallOutcome = (typeof modelCallOutcomes)[number];

/** One attempt at one provider: what FinOps sums (tokens and cost are zero when none were reported). */
export interface ModelCall extends ModelUsage, ModelCallAttribution {
  /** The function that made it (`knowledge-query`, `ai-run-job`…). */
  functionName: string;
  agent: ModelAgent;
  quality: AiQuality;
  outcome: ModelCallOutcome;
  /** The HTTP status the provider answered, when it answered one. */
  status: number | null;
  at: Date;
}

/** The call log: append-only; a failed write is logged and never fails the call it records. */
export interface ModelCallLog {
  record: (call: ModelCall) => Promise<void>;
  /** Every call of a job, oldest first (a job's cost is their sum). */
  listForJob: (jobId: string) => Promise<ModelCall[]>;
}

/** Sums calls into one figure per provider and model. */
export const sumModelUsage = (calls: readonly ModelUsage[]): ModelUsage[] => {
  const byModel = new Map<string, ModelUsage>();
  for (const call of calls) {
    const key = `${call.provider}\0${call.model}`;
    const sum = byModel.get(key) ?? {
      provider: call.provider,
      model: call.model,
      inputTokens: 0,
      outputTokens: 0,
      latencyMs: 0,
      costUsd: 0,
    };
    byModel.set(key, {
      ...sum,
      inputTokens: sum.inputTokens + call.inputTokens,
      outputTokens: sum.outputTokens + call.outputTokens,
      latencyMs: sum.latencyMs + call.latencyMs,
      costUsd: sum.costUsd + call.costUsd,
    });
  }
  return [...byModel.values()];
};
