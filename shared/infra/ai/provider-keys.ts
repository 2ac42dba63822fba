import { createSecretSource } from '../secrets/secret-source.ts';
import { apiKeysSchema, type ProviderSetting } from './ai-settings.ts';

/**
 * The provider keys of the moment. With `AI_API_KEYS_FILE`, the mounted file's value, re-read
 * when it changed (secret-source.ts); a new value that does not parse, or lacks the key of a
 * configured provider, is refused and the last good keys stay. Without it, the variable's keys.
 */
export const providerKeysSource = (
  config: {
    AI_API_KEYS: Readonly<Record<string, string>>;
    AI_API_KEYS_FILE?: string | undefined;
    AI_PROVIDERS: readonly ProviderSetting[];
  },
  timing: { checkMs?: number; now?: () => number } = {},
): (() => Promise<Readonly<Record<string, string>>>) => {
  if (!config.AI_API_KEYS_FILE) return () => Promise.resolve(config.AI_API_KEYS);
  let parsed: { raw: string; keys: Readonly<Record<string, string>> } | null = null;
  const parse = (raw: string): string => {
    const text = raw.trim();
    const keys = apiKeysSchema.parse(text);
    const missing = config.AI_PROVIDERS.filter((provider) => keys[provider.name] === undefined).map((provider) => provider.name);
    if (missing.length > 0) throw new Error(`AI_API_KEYS_FILE has no key for ${missing.join(', ')}`);
    parsed = { raw: text, keys };
    return text;
  };
  const source = createSecretSource({ value: undefined, file: config.AI_API_KEYS_FILE, parse, ...timing });
  return async () => {
    // Unreadable before its first read: the variable (from the same Secret) until the file appears.
    const raw = await source.current().catch(() => null);
    if (raw === null) return config.AI_API_KEYS;
    return parsed?.raw === raw ? parsed.keys : apiKeysSchema.parse(raw);
  };
};
