import { describe, expect, it } from 'vitest';
import { aiConfig } from '../../../shared/infra/ai/ai-config.ts';
import { costOf, modelsFor } from '../../../shared/infra/ai/ai-settings.ts';
import { ConfigError, loadConfig } from '../../../shared/platform/config/index.ts';

const production = {
  APP_ENV: 'production',
  AI_PROVIDERS: 'openai=openai; claude=anthropic; local=openai@http://10.0.0.5:8000/v1/',
  AI_API_KEYS: 'openai=sk-a=b; claude=sk-ant; local=none-needed',
  AI_MODELS: '*.standard=openai:gpt-4.1-mini,claude:claude-haiku-4-5; *.pro=claude:claude-sonnet-4-5; classifier.*=local:llama3.1:8b',
  AI_PRICES: 'openai:gpt-4.1-mini=0.4/1.6; claude:claude-haiku-4-5=1/5; claude:claude-sonnet-4-5=3/15; local:llama3.1:8b=0/0',
};

const issuesOf = (env: Record<string, string>) => {
  try {
    loadConfig([aiConfig], env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
};

describe('the AI configuration', () => {
  it('should parse providers, keys, the model map and prices, with the most specific map entry winning', () => {
    const config = loadConfig([aiConfig], production);
    expect(config.AI_PROVIDERS).toEqual([
      { name: 'openai', kind: 'openai' },
      { name: 'claude', kind: 'anthropic' },
      { name: 'local', kind: 'openai', baseURL: 'http://10.0.0.5:8000/v1' },
    ]);
    expect(config.AI_API_KEYS.openai).toBe('sk-a=b');
    expect(modelsFor(config.AI_MODELS, 'planner', 'standard')).toEqual([
      { provider: 'openai', model: 'gpt-4.1-mini' },
      { provider: 'claude', model: 'claude-haiku-4-5' },
    ]);
    expect(modelsFor(config.AI_MODELS, 'classifier', 'pro')).toEqual([{ provider: 'local', model: 'llama3.1:8b' }]);
    expect(modelsFor(config.AI_MODELS, 'knowledge', 'pro')).toEqual([{ provider: 'claude', model: 'claude-sonnet-4-5' }]);
    expect(costOf(config.AI_PRICES.get('claude:claude-haiku-4-5'), 1_000_000, 200_000)).toBeCloseTo(2);
    expect(config.AI_TIMEOUT_MS).toBe(60_000);
  });

  it('should take none as no provider at all, and fall back to it in development', () => {
    const config = loadConfig([aiConfig], { APP_ENV: 'development' });
    expect(config.AI_PROVIDERS).toEqual([]);
    expect(modelsFor(config.AI_MODELS, 'knowledge', 'standard')).toEqual([]);
  });

  it('should stop at start naming each missing table outside development', () => {
    expect(issuesOf({ APP_ENV: 'production' }).sort()).toEqual(['AI_API_KEYS', 'AI_MODELS', 'AI_PRICES', 'AI_PROVIDERS']);
  });

  it('should name the variable to fix when the tables disagree', () => {
    expect(issuesOf({ ...production, AI_MODELS: 'planner.standard=gemini:gemini-2.5-flash' })).toEqual(['AI_MODELS']);
    expect(issuesOf({ ...production, AI_PRICES: 'openai:gpt-4.1-mini=0.4/1.6' })).toEqual(['AI_PRICES', 'AI_PRICES', 'AI_PRICES']);
    expect(issuesOf({ ...production, AI_API_KEYS: 'openai=sk; claude=sk; local=x; gemini=y' })).toEqual(['AI_API_KEYS']);
    expect(issuesOf({ ...production, AI_API_KEYS: 'openai=sk' })).toEqual(['AI_API_KEYS', 'AI_API_KEYS']);
  });

  it('should refuse malformed entries', () => {
    expect(issuesOf({ ...production, AI_PROVIDERS: 'openai=azure' })).toContain('AI_PROVIDERS');
    expect(issuesOf({ ...production, AI_MODELS: 'designer.standard=openai:gpt-4.1-mini' })).toContain('AI_MODELS');
    expect(issuesOf({ ...production, AI_MODELS: 'planner.standard=gpt-4.1-mini' })).toContain('AI_MODELS');
    expect(issuesOf({ ...production, AI_PRICES: 'openai:gpt-4.1-mini=cheap' })).toContain('AI_PRICES');
  });
});
