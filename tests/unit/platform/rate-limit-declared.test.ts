import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { loadConfig } from '../../../shared/platform/config/index.ts';
import { rateLimitConfig } from '../../../shared/platform/rate-limit/rate-limit-config.ts';
import { accountLimits, authIpLimits } from '../../../shared/platform/rate-limit/rules.ts';

const definitions = new Map((await loadDefinitions()).map(({ definition }) => [definition.name, definition]));
const settings = loadConfig([rateLimitConfig], { APP_ENV: 'test' });
const rateLimitOf = (name: string) => {
  const definition = definitions.get(name);
  if (definition?.kind !== 'http') return null;
  return { class: definition.rateLimit.class, hasAccountKey: 'accountKey' in definition.rateLimit && !!definition.rateLimit.accountKey };
};

describe('the per-function rate limits', () => {
  // A limit keyed by a name no function has (a renamed file) would silently stop applying.
  it.each(Object.keys(authIpLimits(settings)).map((name) => [name]))(
    'should find %s, of the auth class, for its own per-IP limit',
    (name) => {
      expect(rateLimitOf(name)).toMatchObject({ class: 'auth' });
    },
  );

  it.each(Object.keys(accountLimits(settings)).map((name) => [name]))(
    'should find %s, of the auth class with an account key, for its per-account limit',
    (name) => {
      expect(rateLimitOf(name)).toEqual({ class: 'auth', hasAccountKey: true });
    },
  );
});
