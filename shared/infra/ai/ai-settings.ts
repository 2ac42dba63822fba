import { z } from 'zod';
import { aiQualities, modelAgents, type AiQuality, type ModelAgent } from '../../ai/index.ts';

/**
 * The text formats of the AI variables (docs/ai.md, "Configuration"). Each is `none` or a list of
 * `;`-separated entries, so one secret value holds a whole table; whitespace around entries is free.
 */

export const providerKinds = ['openai', 'anthropic', 'google'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export interface ProviderSetting {
  /** The name the model map and the keys use (`openai`, `claude`, `local`…). */
  name: string;
  kind: ProviderKind;
  /** The SDK's own default (the vendor's API) when absent. */
  baseURL?: string;
}

/** One entry of a fallback list: `provider:model` (a model id may itself hold `:`). */
export interface ModelRef {
  provider: string;
  model: string;
}

/** Prices in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

const namePattern = /^[a-z][a-z0-9-]{0,30}$/;

/** `none`, or `;`-separated `key=value` entries (split at the first `=`, or the last with `lastEquals`). */
const entries = (lastEquals = false) =>
  z.string().transform((value, ctx) => {
    if (value.trim() === 'none') return [] as [string, string][];
    const pairs: [string, string][] = [];
    for (const raw of value.split(';').map((entry) => entry.trim())) {
      if (raw === '') continue;
      const at = lastEquals ? raw.lastIndexOf('=') : raw.indexOf('=');
      if (at <= 0) {
        ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 40)}" is not key=value` });
        return z.NEVER;
      }
      pairs.push([raw.slice(0, at).trim(), raw.slice(at + 1).trim()]);
    }
    return pairs;
  });

const fail = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** `name=kind` or `name=kind@baseURL`: `openai=openai;claude=anthropic;local=openai@http://10.0.0.5:8000/v1`. */
export const providersSchema = entries().transform((pairs, ctx): ProviderSetting[] => {
  const providers: ProviderSetting[] = [];
  for (const [name, value] of pairs) {
    const [kind, baseURL] = value.includes('@')
      ? [value.slice(0, value.indexOf('@')), value.slice(value.indexOf('@') + 1)]
      : [value, undefined];
    if (!namePattern.test(name)) return fail(ctx, `provider name "${name}": lowercase letters, digits, hyphens`);
    if (!providerKinds.includes(kind as ProviderKind))
      return fail(ctx, `provider ${name}: kind must be one of ${providerKinds.join(', ')}`);
    if (baseURL !== undefined && !URL.canParse(baseURL)) return fail(ctx, `provider ${name}: "${baseURL}" is not a URL`);
    if (providers.some((p) => p.name === name)) return fail(ctx, `provider ${name} is declared twice`);
    providers.push({ name, kind: kind as ProviderKind, ...(baseURL ? { baseURL: baseURL.replace(/\/+$/, '') } : {}) });
  }
  return providers;
});

/** `name=key`: one API key per provider (a self-hosted server that wants none takes any placeholder). */
export const apiKeysSchema = entries().transform((pairs, ctx): Record<string, string> => {
  const keys: Record<string, string> = {};
  for (const [name, key] of pairs) {
    if (key === '') return fail(ctx, `the key of ${name} is empty`);
    keys[name] = key;
  }
  return keys;
});

const modelRef = (text: string): ModelRef | null => {
  const at = text.indexOf(':');
  return at > 0 && at < text.length - 1 ? { provider: text.slice(0, at).trim(), model: text.slice(at + 1).trim() } : null;
};

/** `agent.quality=provider:model,provider:model`; `*` stands for any agent or quality. */
export const modelMapSchema = entries().transform((pairs, ctx): Map<string, ModelRef[]> => {
  const map = new Map<string, ModelRef[]>();
  for (const [key, list] of pairs) {
    const [agent, quality, extra] = key.split('.');
    if (extra !== undefined || agent === undefined || quality === undefined) return fail(ctx, `"${key}" is not agent.quality`);
    if (agent !== '*' && !modelAgents.includes(agent as ModelAgent))
      return fail(ctx, `agent "${agent}": one of ${modelAgents.join(', ')} or *`);
    if (quality !== '*' && !aiQualities.includes(quality as AiQuality)) return fail(ctx, `quality "${quality}": standard, pro or *`);
    const refs = list.split(',').map((item) => modelRef(item.trim()));
    if (refs.length === 0 || refs.some((ref) => ref === null)) return fail(ctx, `${key}: a comma-separated list of provider:model`);
    map.set(key, refs as ModelRef[]);
  }
  return map;
});

/** `provider:model=input/output`, USD per million tokens: `openai:gpt-4.1-mini=0.4/1.6`. */
export const pricesSchema = entries(true).transform((pairs, ctx): Map<string, ModelPrice> => {
  const prices = new Map<string, ModelPrice>();
  for (const [key, value] of pairs) {
    const ref = modelRef(key);
    const [input, output] = value.split('/').map((n) => Number(n.trim()));
    if (!ref) return fail(ctx, `"${key}" is not provider:model`);
    if (input === undefined || output === undefined || !Number.isFinite(input) || !Number.isFinite(output) || input < 0 || output < 0) {
      return fail(ctx, `${key}: the price is input/output in USD per million tokens (e.g. 0.4/1.6)`);
    }
    prices.set(`${ref.provider}:${ref.model}`, { input, output });
  }
  return prices;
});

/** Agents a `*` entry does not cover: a model that reads text may read no images, so the reader is always named. */
const namedOnly: ReadonlySet<ModelAgent> = new Set(['reader']);

/** The fallback list of an agent at a quality: the most specific entry wins (`agent.quality`, `agent.*`, `*.quality`, `*.*`). */
export const modelsFor = (map: ReadonlyMap<string, ModelRef[]>, agent: ModelAgent, quality: AiQuality): ModelRef[] =>
  map.get(`${agent}.${quality}`) ??
  map.get(`${agent}.*`) ??
  (namedOnly.has(agent) ? undefined : (map.get(`*.${quality}`) ?? map.get('*.*'))) ??
  [];

/** What a call cost, from its tokens and the model's price. */
export const costOf = (price: ModelPrice | undefined, inputTokens: number, outputTokens: number): number =>
  price ? (inputTokens * price.input + outputTokens * price.output) / 1_000_000 : 0;
