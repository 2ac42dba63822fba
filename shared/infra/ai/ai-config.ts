import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { apiKeysSchema, modelMapSchema, pricesSchema, providersSchema } from './ai-settings.ts';

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

/**
 * The language-model providers (docs/ai.md). The four tables are required so that every
 * environment states its choice — `none` everywhere is the offline provider — and so that they
 * come from the runtime secret like the other required variables; the tuning figures have defaults.
 */
export const aiConfig = defineConfig({
  name: 'ai-providers',
  shape: {
    /** `none`, or `name=kind[@baseURL]; …` with kind openai (any OpenAI-compatible chat completions), anthropic or google. */
    AI_PROVIDERS: providersSchema,
    /** `none`, or `name=key; …`: one key per provider (a secret). */
    AI_API_KEYS: apiKeysSchema,
    /**
     * A mounted file holding the `AI_API_KEYS` value (the deployment sets it): re-read when it
     * changes, so provider keys rotate without a redeploy. Absent: the variable's keys, for good.
     */
    AI_API_KEYS_FILE: z.string().optional(),
    /** `none`, or `agent.quality=provider:model,provider:model; …` (ordered fallback; `*` for any agent or quality). */
    AI_MODELS: modelMapSchema,
    /** `none`, or `provider:model=input/output; …` in USD per million tokens; every mapped model needs one. */
    AI_PRICES: pricesSchema,
    /** One attempt's time limit, in milliseconds (a caller may ask for less). */
    AI_TIMEOUT_MS: positiveInt(600_000).default(60_000),
    /** Retries per provider on 429, 5xx and network errors, before the next provider is tried. */
    AI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** The longest Retry-After honoured on the same provider; a longer one moves to the next. */
    AI_RETRY_MAX_WAIT_MS: positiveInt(120_000).default(10_000),
    /** Failed attempts within the window that open a provider's breaker (shared by all instances). */
    AI_BREAKER_FAILURES: positiveInt(1000).default(5),
    AI_BREAKER_WINDOW_SECONDS: positiveInt(3600).default(60),
    /** How long an open breaker sends calls to the next provider. */
    AI_BREAKER_OPEN_SECONDS: positiveInt(3600).default(30),
  },
  devDefaults: { AI_PROVIDERS: 'none', AI_API_KEYS: 'none', AI_MODELS: 'none', AI_PRICES: 'none' },
  check: (values) => {
    const declared = new Set(values.AI_PROVIDERS.map((provider) => provider.name));
    const problems: { variable: 'AI_MODELS' | 'AI_API_KEYS' | 'AI_PRICES'; message: string }[] = [];
    for (const name of declared) {
      if (values.AI_API_KEYS[name] === undefined) problems.push({ variable: 'AI_API_KEYS', message: `no key for provider ${name}` });
    }
    for (const name of Object.keys(values.AI_API_KEYS)) {
      if (!declared.has(name)) problems.push({ variable: 'AI_API_KEYS', message: `${name} is not in AI_PROVIDERS` });
    }
    for (const [key, refs] of values.AI_MODELS) {
      for (const { provider, model } of refs) {
        if (!declared.has(provider))
          problems.push({ variable: 'AI_MODELS', message: `${key}: provider ${provider} is not in AI_PROVIDERS` });
        else if (!values.AI_PRICES.has(`${provider}:${model}`)) {
          problems.push({ variable: 'AI_PRICES', message: `no price for ${provider}:${model}` });
        }
      }
    }
    return problems;
  },
});
