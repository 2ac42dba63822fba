import { DomainError } from '../kernel/index.ts';
import type { OperationError } from './agents.ts';

/** How long a client should wait before asking again when no provider answered (seconds). */
export const aiRetryAfterSeconds = 30;

/** Every error the language-model port throws; codes are stable, texts are for people. */
export const aiErrors = {
  /** No provider answered (down, timed out, rate limited, breaker open everywhere): 503 with Retry-After. */
  unavailable: (reason: string, retryAfter = aiRetryAfterSeconds, cause?: unknown) =>
    new DomainError('unavailable', 'AI_UNAVAILABLE', {
      detail: 'The language model provider is not available; try again shortly.',
      extensions: { reason, retryAfter: Math.max(1, Math.ceil(retryAfter)) },
      ...(cause === undefined ? {} : { cause }),
    }),
  /** No model is configured for the agent: callers check `isConfigured` and take the offline path. */
  notConfigured: (agent: string, quality: string) =>
    new DomainError('unavailable', 'AI_NOT_CONFIGURED', {
      detail: `No language model is configured for ${agent} (${quality}).`,
      extensions: { agent, quality, retryAfter: aiRetryAfterSeconds },
    }),
  /** The model answered, but not with something that parses against the requested schema. */
  invalidOutput: (schemaName: string, provider: string, model: string, cause?: unknown, errors?: readonly OperationError[]) =>
    new DomainError('invalid', 'AI_OUTPUT_INVALID', {
      detail: `The model's ${schemaName} did not match the expected structure.`,
      extensions: { schemaName, provider, model, ...(errors ? { errors } : {}) },
      ...(cause === undefined ? {} : { cause }),
    }),
};
