import type { LanguageModel } from 'ai';
import type { ProviderSetting } from './ai-settings.ts';

/** Makes the SDK model for `provider:model`; loads the provider's package on first use. */
export type ModelLoader = (provider: ProviderSetting, model: string) => Promise<LanguageModel>;

/**
 * Each provider package is imported the first time a call needs it, so a function that only ever
 * calls one provider (or none: the offline path) never loads the others (docs/platform.md,
 * "Bundles and cold starts"; the packages are externals of the bundles). Retries are ours
 * (resilient-models.ts): the SDK's are turned off per call.
 */
export const createModelLoader = (apiKeys: () => Promise<Readonly<Record<string, string>>>): ModelLoader => {
  // Per provider, the client of the key it was made with: a rotated key (a new value in the
  // mounted secret file) makes a new client on the next call; calls in flight finish on the old one.
  const factories = new Map<string, { apiKey: string; factory: Promise<(model: string) => LanguageModel> }>();
  const factoryOf = async (provider: ProviderSetting, apiKey: string): Promise<(model: string) => LanguageModel> => {
    const settings = { apiKey, ...(provider.baseURL ? { baseURL: provider.baseURL } : {}) };
    switch (provider.kind) {
      case 'openai': {
        const { createOpenAI } = await import('./openai-sdk.ts');
        const openai = createOpenAI({ ...settings, name: provider.name });
        // Chat completions: the API every OpenAI-compatible server (vLLM, llama.cpp, gateways) speaks.
        return (model) => openai.chat(model);
      }
      case 'anthropic': {
        const { createAnthropic } = await import('@ai-sdk/anthropic');
        const anthropic = createAnthropic(settings);
        return (model) => anthropic(model);
      }
      case 'google': {
        const { createGoogle } = await import('@ai-sdk/google');
        const google = createGoogle(settings);
        return (model) => google(model);
      }
    }
  };
  return async (provider, model) => {
    const apiKey = (await apiKeys())[provider.name] ?? '';
    let entry = factories.get(provider.name);
    if (entry?.apiKey !== apiKey) {
      const made = { apiKey, factory: factoryOf(provider, apiKey) };
      factories.set(provider.name, made);
      // A failed import is not cached: the next call tries again.
      made.factory.catch(() => {
        if (factories.get(provider.name) === made) factories.delete(provider.name);
      });
      entry = made;
    }
    return (await entry.factory)(model);
  };
};
