import { setTimeout as wait } from 'node:timers/promises';
import {
  aiErrors,
  type LanguageModels,
  type ModelCall,
  type ModelCallLog,
  type ModelRequest,
  type ModelUsage,
  type ObjectRequest,
  type TextRequest,
} from '../../ai/index.ts';
import { costOf, modelsFor, type ModelPrice, type ModelRef, type ProviderSetting } from './ai-settings.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { AttemptFailure, runAttempt, type AttemptResult } from './model-attempt.ts';
import type { ModelLoader } from './provider-models.ts';

export interface ResilienceSettings {
  providers: readonly ProviderSetting[];
  models: ReadonlyMap<string, ModelRef[]>;
  prices: ReadonlyMap<string, ModelPrice>;
  timeoutMs: number;
  maxRetries: number;
  retryMaxWaitMs: number;
  breakerOpenMs: number;
}

export interface ResilienceDeps {
  settings: ResilienceSettings;
  load: ModelLoader;
  breaker: CircuitBreaker;
  calls: ModelCallLog;
  functionName: string;
  /** Where the providers' warnings go (the function's logger). */
  warn?: (details: Record<string, unknown>, message: string) => void;
  now?: () => number;
  random?: () => number;
}

/** Outcomes that say the provider, not the request, is in trouble: they count towards its breaker. */
const providerTrouble = new Set(['rate_limited', 'server_error', 'timeout', 'network']);
/** Outcomes worth another attempt at the same provider. */
const retryable = new Set(['rate_limited', 'server_error', 'network']);

/**
 * The language-model port over configured providers: for the agent and quality, each model of the
 * fallback list in turn — skipped while its provider's breaker is open; retried with jittered
 * exponential backoff (or the provider's Retry-After, up to a bound) on 429, 5xx and network
 * errors; one timeout per attempt — until one answers. Every attempt is recorded with its tokens,
 * latency and cost. An answer that does not parse is `invalid` at once (another provider would cost
 * again for a request that may be at fault); the caller's abort stops everything.
 */
export const createResilientModels = (deps: ResilienceDeps): LanguageModels => {
  const { settings } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const providerOf = new Map(settings.providers.map((provider) => [provider.name, provider]));

  const backoffMs = (attempt: number, retryAfterMs: number | null) =>
    retryAfterMs !== null ? retryAfterMs * (1 + 0.1 * random()) : Math.min(4000, 250 * 2 ** attempt) * (0.5 + 0.5 * random());

  const record = async (request: ModelRequest, usage: ModelUsage, outcome: ModelCall['outcome'], status: number | null) =>
    deps.calls.record({
      ...usage,
      ...request.attribution,
      functionName: deps.functionName,
      agent: request.agent,
      quality: request.quality,
      outcome,
      status,
      at: new Date(now()),
    });

  const usageOf = (ref: ModelRef, started: number, tokens: { inputTokens: number; outputTokens: number }): ModelUsage => ({
    provider: ref.provider,
    model: ref.model,
    inputTokens: tokens.inputTokens,
    outputTokens: tokens.outputTokens,
    latencyMs: Math.max(0, now() - started),
    costUsd: costOf(settings.prices.get(`${ref.provider}:${ref.model}`), tokens.inputTokens, tokens.outputTokens),
  });

  const attempt = async (ref: ModelRef, request: ModelRequest, run: (signal: AbortSignal, ref: ModelRef) => Promise<AttemptResult>) => {
    const timeout = AbortSignal.timeout(Math.min(request.timeoutMs ?? settings.timeoutMs, settings.timeoutMs));
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = now();
    try {
      const result = await run(signal, ref);
      const usage = usageOf(ref, started, result);
      await record(request, usage, 'ok', 200);
      return { result, usage };
    } catch (error) {
      const failure =
        error instanceof AttemptFailure ? error : new AttemptFailure(timeout.aborted ? 'timeout' : 'refused', { cause: error });
      await record(request, usageOf(ref, started, failure), failure.outcome, failure.status);
      throw failure;
    }
  };

  const call = async (
    request: ModelRequest,
    run: (signal: AbortSignal, ref: ModelRef) => Promise<AttemptResult>,
    schemaName = 'answer',
  ) => {
    const refs = modelsFor(settings.models, request.agent, request.quality);
    if (refs.length === 0) throw aiErrors.notConfigured(request.agent, request.quality);
    let retryAfterMs: number | null = null;
    let reason = 'unavailable';
    for (const [index, ref] of refs.entries()) {
      if (!(await deps.breaker.isClosed(ref.provider))) {
        reason = 'breaker_open';
        retryAfterMs = Math.max(retryAfterMs ?? 0, settings.breakerOpenMs);
        continue;
      }
      for (let tries = 0; ; tries += 1) {
        try {
          const { result, usage } = await attempt(ref, request, run);
          await deps.breaker.success(ref.provider);
          return { result, usage, fellBack: index > 0 };
        } catch (error) {
          const failure = error as AttemptFailure;
          if (failure.outcome === 'invalid') throw aiErrors.invalidOutput(schemaName, ref.provider, ref.model, failure.cause);
          if (failure.outcome === 'aborted') throw aiErrors.unavailable('aborted', undefined, failure.cause);
          const opened = providerTrouble.has(failure.outcome) && (await deps.breaker.failure(ref.provider));
          reason = failure.outcome;
          retryAfterMs = failure.retryAfterMs;
          const delay = backoffMs(tries, failure.retryAfterMs);
          if (opened || !retryable.has(failure.outcome) || tries >= settings.maxRetries || delay > settings.retryMaxWaitMs) break;
          try {
            await wait(delay, undefined, request.signal ? { signal: request.signal } : {});
          } catch (aborted) {
            throw aiErrors.unavailable('aborted', undefined, aborted);
          }
        }
      }
    }
    throw aiErrors.unavailable(reason, retryAfterMs === null ? undefined : retryAfterMs / 1000);
  };

  const modelFor = async (ref: ModelRef) => {
    const provider = providerOf.get(ref.provider);
    if (!provider) throw new AttemptFailure('refused', { cause: new Error(`provider ${ref.provider} is not configured`) });
    return deps.load(provider, ref.model);
  };

  return {
    isConfigured: (agent, quality) =>
      (quality ? [quality] : (['standard', 'pro'] as const)).some((q) => modelsFor(settings.models, agent, q).length > 0),
    text: async (request: TextRequest) => {
      const { result, usage, fellBack } = await call(request, async (signal, ref) =>
        runAttempt(
          { ...common(request, deps.warn), model: await modelFor(ref), signal, ...(request.onText ? { onText: request.onText } : {}) },
          () => signal.aborted && !request.signal?.aborted,
        ),
      );
      return { text: result.text, usage, fellBack };
    },
    object: async <T>(request: ObjectRequest<T>) => {
      const structured = {
        schema: request.schema,
        name: request.schemaName,
        ...(request.onPartial ? { onPartial: request.onPartial } : {}),
      };
      const { result, usage, fellBack } = await call(
        request,
        async (signal, ref) =>
          runAttempt(
            { ...common(request, deps.warn), model: await modelFor(ref), signal, structured },
            () => signal.aborted && !request.signal?.aborted,
          ),
        request.schemaName,
      );
      return { object: result.object as T, usage, fellBack };
    },
  };
};

const common = (request: ModelRequest, warn: ResilienceDeps['warn']) => ({
  onWarnings: (warnings: readonly unknown[]) => warn?.({ agent: request.agent, warnings }, 'model warnings'),
  system: request.system,
  prompt: request.prompt,
  ...(request.images && request.images.length > 0 ? { images: request.images } : {}),
  ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
  ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
});
