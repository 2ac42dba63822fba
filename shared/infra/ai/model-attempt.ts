import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import type { ModelCallOutcome, ModelImage } from '../../ai/index.ts';
import type * as GenerationSdk from './generation-sdk.ts';

/** One call to one model, as the SDK makes it. */
export interface AttemptInput {
  model: LanguageModel;
  system: string;
  prompt: string;
  /** Sent after the prompt's text in the one user message (image parts). */
  images?: readonly ModelImage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Aborts on the caller's signal or the attempt's timeout. */
  signal: AbortSignal;
  structured?: { schema: z.ZodType; name: string; onPartial?: (partial: unknown) => void };
  onText?: (delta: string) => void;
  /** The provider's warnings (a setting it ignored…): to our logs, not the SDK's console logger. */
  onWarnings?: (warnings: readonly unknown[]) => void;
}

export interface AttemptResult {
  text: string;
  object?: unknown;
  inputTokens: number;
  outputTokens: number;
}

/** Why an attempt failed, classified for retries, the breaker and the call log. */
export class AttemptFailure extends Error {
  readonly outcome: Exclude<ModelCallOutcome, 'ok'>;
  readonly status: number | null;
  /** What the provider asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  constructor(
    outcome: Exclude<ModelCallOutcome, 'ok'>,
    details: { status?: number | null; retryAfterMs?: number | null; inputTokens?: number; outputTokens?: number; cause?: unknown },
  ) {
    super(outcome, { cause: details.cause });
    this.name = 'AttemptFailure';
    this.outcome = outcome;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.inputTokens = details.inputTokens ?? 0;
    this.outputTokens = details.outputTokens ?? 0;
  }
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
export const retryAfterMsOf = (headers: Readonly<Record<string, string>> | undefined, now = Date.now()): number | null => {
  const ms = Number(headers?.['retry-after-ms']);
  if (headers?.['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.['retry-after'];
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
};

const tokens = (usage: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined) => ({
  inputTokens: usage?.inputTokens ?? 0,
  outputTokens: usage?.outputTokens ?? 0,
});

/**
 * Runs one attempt through the Vercel AI SDK: `generateText`, or `streamText` when the caller
 * listens to deltas or partial objects; structured output with `Output.object` (the provider's
 * JSON schema mode or tool use). The SDK's own retries are off: the caller decides.
 * @throws AttemptFailure
 */
export const runAttempt = async (input: AttemptInput, isTimeout: () => boolean): Promise<AttemptResult> => {
  const sdk = await import('./generation-sdk.ts');
  const output = input.structured ? sdk.Output.object({ schema: input.structured.schema, name: input.structured.name }) : sdk.Output.text();
  const options = {
    model: input.model,
    instructions: input.system,
    ...userTurn(input),
    maxRetries: 0,
    abortSignal: input.signal,
    output,
    onWarning: ({ warnings }: { warnings: readonly unknown[] }) => {
      if (warnings.length > 0) input.onWarnings?.(warnings);
    },
    ...(input.maxOutputTokens === undefined ? {} : { maxOutputTokens: input.maxOutputTokens }),
    ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
  };
  try {
    if (!input.onText && !input.structured?.onPartial) {
      const result = await sdk.generateText(options);
      return { text: result.text, ...(input.structured ? { object: result.output } : {}), ...tokens(result.usage) };
    }
    let streamError: unknown;
    const result = sdk.streamText({
      ...options,
      onError: ({ error }) => {
        streamError ??= error;
      },
    });
    if (input.structured?.onPartial) {
      for await (const partial of result.partialOutputStream) input.structured.onPartial(partial);
    } else {
      for await (const delta of result.textStream) input.onText?.(delta);
    }
    if (streamError !== undefined) throw streamError;
    const [text, usage] = await Promise.all([result.text, result.usage]);
    return { text, ...(input.structured ? { object: await result.output } : {}), ...tokens(usage) };
  } catch (error) {
    throw classify(sdk, error, input.signal, isTimeout());
  }
};

/** The user turn: the prompt alone, or one user message of the prompt's text and the images as image parts. */
const userTurn = (input: AttemptInput) =>
  input.images && input.images.length > 0
    ? {
        messages: [
          {
            role: 'user' as const,
            content: [
              { type: 'text' as const, text: input.prompt },
              ...input.images.map((image) => ({ type: 'image' as const, image: image.bytes, mediaType: image.mediaType })),
            ],
          },
        ],
      }
    : { prompt: input.prompt };

type Sdk = typeof GenerationSdk;

const classify = (sdk: Sdk, error: unknown, signal: AbortSignal, timedOut: boolean): AttemptFailure => {
  if (error instanceof AttemptFailure) return error;
  if (timedOut) return new AttemptFailure('timeout', { cause: error });
  if (signal.aborted) return new AttemptFailure('aborted', { cause: error });
  if (sdk.NoObjectGeneratedError.isInstance(error)) return new AttemptFailure('invalid', { ...tokens(error.usage), cause: error });
  if (sdk.NoOutputGeneratedError.isInstance(error) || sdk.TypeValidationError.isInstance(error) || sdk.JSONParseError.isInstance(error)) {
    return new AttemptFailure('invalid', { cause: error });
  }
  if (sdk.APICallError.isInstance(error)) {
    const status = error.statusCode ?? null;
    if (status === 429)
      return new AttemptFailure('rate_limited', { status, retryAfterMs: retryAfterMsOf(error.responseHeaders), cause: error });
    if (status !== null && status >= 500) {
      return new AttemptFailure('server_error', { status, retryAfterMs: retryAfterMsOf(error.responseHeaders), cause: error });
    }
    if (status !== null) return new AttemptFailure('refused', { status, cause: error });
    return new AttemptFailure('network', { cause: error });
  }
  return new AttemptFailure('network', { cause: error });
};
