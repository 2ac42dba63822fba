import { randomUUID } from 'node:crypto';

/** Production-mode configuration for identity tests: every variable explicit, one database per file. */
export const authTestEnv = (services: Record<string, string>, database: string): Record<string, string> => ({
  ...services,
  APP_ENV: 'production',
  LOG_LEVEL: 'silent',
  MONGODB_DB: database,
  AUTH_ISSUER: 'http://127.0.0.1:3000',
  AUTH_AUDIENCE: 'uxflow-api',
  AUTH_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  // The rate limiter of the request pipeline (it fails open when the local bridge is not running).
  UPSTASH_REDIS_REST_URL: services.UPSTASH_REDIS_REST_URL ?? 'http://127.0.0.1:8079',
  UPSTASH_REDIS_REST_TOKEN: services.UPSTASH_REDIS_REST_TOKEN ?? 'dev-upstash-token',
  RATE_LIMIT_UPGRADE_URL: 'http://localhost:5173/settings/billing',
});

/**
 * A database name of its own for one run of a test file: the local services are shared by every
 * checkout on the machine, and two runs of one file must not drop each other's data.
 */
export const testDatabase = (name: string): string => `${name}_${randomUUID().slice(0, 8)}`;
