import type { LanguageModels, ModelCallLog } from '../../ai/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { createModelCallStore } from '../mongodb/model-call-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { upstashScripts } from '../upstash/upstash-scripts.ts';
import { defineRedisKeys } from '../upstash/redis-keys.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';
import { aiConfig } from './ai-config.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { createModelLoader } from './provider-models.ts';
import { providerKeysSource } from './provider-keys.ts';
import { createResilientModels } from './resilient-models.ts';

/** Breaker keys in Redis: `uxf:ai:breaker:<provider>:fails|open`. */
export const breakerKeys = defineRedisKeys({
  prefix: 'uxf:ai:breaker:',
  ttl: 'the breaker window plus its open time (about a minute)',
  privacy: noPersonalData('failure counts per model provider', 'cache'),
});

/**
 * The language models a function may call (docs/ai.md): the configured providers behind retries,
 * fallback and a circuit breaker shared in Redis, each call recorded in MongoDB (`ai_model_calls`).
 * With every table `none`, `isConfigured` is false for every agent and nothing is loaded.
 */
export const languageModels = defineResource({
  name: 'language-models',
  config: aiConfig,
  recipient: {
    name: 'the configured language-model providers (AI_PROVIDERS: OpenAI-compatible, Anthropic, Google Gemini)',
    role: 'model calls on prompts and workspace material (processor)',
    transfer: 'USA for the hosted providers (EU-US Data Privacy Framework or standard contractual clauses)',
  },
  requires: [mongo, upstashScripts],
  create: (config, { use, functionName, log }): LanguageModels => {
    const store = createModelCallStore(use(mongo).db);
    // The call log is for FinOps: losing one line must not fail an answer the user is paying for.
    const calls: ModelCallLog = {
      record: async (call) => {
        try {
          await store.record(call);
        } catch (error) {
          log.warn({ err: error, provider: call.provider, model: call.model, outcome: call.outcome }, 'model call not recorded');
        }
      },
      listForJob: store.listForJob,
    };
    return createResilientModels({
      settings: {
        providers: config.AI_PROVIDERS,
        models: config.AI_MODELS,
        prices: config.AI_PRICES,
        timeoutMs: config.AI_TIMEOUT_MS,
        maxRetries: config.AI_MAX_RETRIES,
        retryMaxWaitMs: config.AI_RETRY_MAX_WAIT_MS,
        breakerOpenMs: config.AI_BREAKER_OPEN_SECONDS * 1000,
      },
      load: createModelLoader(providerKeysSource(config)),
      breaker: createCircuitBreaker(use(upstashScripts), {
        failures: config.AI_BREAKER_FAILURES,
        windowMs: config.AI_BREAKER_WINDOW_SECONDS * 1000,
        openMs: config.AI_BREAKER_OPEN_SECONDS * 1000,
        prefix: breakerKeys.prefix,
      }),
      calls,
      functionName,
      warn: (details, message) => log.warn(details, message),
    });
  },
});
