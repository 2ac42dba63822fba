import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineConfig, loadConfig, platformConfig } from '../../../shared/platform/config/index.ts';
import { mongoConfig } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { stripeConfig } from '../../../shared/infra/stripe/stripe-config.ts';

const catchConfigError = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('should name every missing variable when a production instance lacks them', () => {
    const error = catchConfigError(() => loadConfig([platformConfig, mongoConfig, stripeConfig], { APP_ENV: 'production' }));
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['MONGODB_DB', 'MONGODB_URI', 'STRIPE_SECRET_KEY']);
    expect(error.issues.every((i) => i.message === 'missing')).toBe(true);
    expect(error.message).toContain('MONGODB_URI (missing)');
  });

  it('should treat an unset APP_ENV as production when no dev defaults are wanted', () => {
    const error = catchConfigError(() => loadConfig([mongoConfig], {}));
    expect(error.issues.map((i) => i.variable)).toContain('MONGODB_URI');
  });

  it('should fill the development values when APP_ENV is development', () => {
    const config = loadConfig([platformConfig, mongoConfig], { APP_ENV: 'development' });
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017');
    expect(config.MONGODB_MAX_POOL_SIZE).toBe(5);
    expect(config.CORS_ORIGINS).toContain('http://localhost:5173');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('should prefer a set variable over its development value', () => {
    const config = loadConfig([mongoConfig], { APP_ENV: 'test', MONGODB_DB: 'tests_1' });
    expect(config.MONGODB_DB).toBe('tests_1');
  });

  it('should report an invalid value with its variable name when the format is wrong', () => {
    const error = catchConfigError(() =>
      loadConfig([stripeConfig], { APP_ENV: 'staging', STRIPE_SECRET_KEY: 'pk_live_123', STRIPE_API_BASE: 'not a url' }),
    );
    const variables = error.issues.map((i) => i.variable).sort();
    expect(variables).toEqual(['STRIPE_API_BASE', 'STRIPE_SECRET_KEY']);
    expect(error.issues.every((i) => i.message !== 'missing')).toBe(true);
  });

  it('should reject an unknown APP_ENV when it is misspelt', () => {
    const error = catchConfigError(() => loadConfig([], { APP_ENV: 'prod' }));
    expect(error.issues[0]?.variable).toBe('APP_ENV');
  });

  it('should treat an empty string as missing when a variable is blank', () => {
    const fragment = defineConfig({ name: 'x', shape: { SOME_SECRET: z.string().min(1) }, devDefaults: {} });
    const error = catchConfigError(() => loadConfig([fragment], { APP_ENV: 'production', SOME_SECRET: '' }));
    expect(error.issues).toEqual([{ variable: 'SOME_SECRET', message: 'missing' }]);
  });

  it('should parse comma-separated CORS origins when given', () => {
    const config = loadConfig([platformConfig], { APP_ENV: 'production', CORS_ORIGINS: 'https://app.uxflow.dev, https://x.dev' });
    expect(config.CORS_ORIGINS).toEqual(['https://app.uxflow.dev', 'https://x.dev']);
  });
});
