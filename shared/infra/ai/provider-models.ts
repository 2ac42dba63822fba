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
export const createModelLoader = (apiKeys: Readonly<Record<string, string>>): ModelLoader => {
  const factories = new Map<string, Promise<(model: string) => LanguageModel>>();
  const factoryOf = async (provider: ProviderSetting): Promise<(model: string) => LanguageModel> => {
    const settings = { apiKey: apiKeys[provider.name] ?? '', ...(provider.baseURL ? { baseURL: provider.baseURL } : {}) };
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
    let factory = factories.get(provider.name);
    if (!factory) {
      factory = factoryOf(provider);
      factories.set(provider.name, factory);
      // A failed import is not cached: the next call tries again.
      factory.catch(() => factories.delete(provider.name));
    }
    return (await factory)(model);
  };
};
