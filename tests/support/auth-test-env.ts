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
  AUDIT_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  // The rate limiter of the request pipeline (it fails open when the local bridge is not running).
  UPSTASH_REDIS_REST_URL: services.UPSTASH_REDIS_REST_URL ?? 'http://127.0.0.1:8079',
  UPSTASH_REDIS_REST_TOKEN: services.UPSTASH_REDIS_REST_TOKEN ?? 'dev-upstash-token',
  RATE_LIMIT_UPGRADE_URL: 'http://localhost:5173/settings/billing',
  // Consent: the text version the tests send back, and the key of the address hashes.
  CONSENT_TEXT_VERSION: '2025-06-01',
  PRIVACY_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
  // The key of the e-mail blind index (logins, registrations and invitations look addresses up by it).
  PRIVACY_BLIND_INDEX_KEY: Buffer.alloc(32, 11).toString('base64'),
  // Envelope encryption: the local key file (created on first use under .data/kms).
  KMS_PROVIDER: 'local',
  KMS_KEY_NAME: 'projects/uxflow-test/locations/europe-west1/keyRings/uxflow/cryptoKeys/data-keys',
  // The DPO's mailbox (breach deadline alerts, the contact in drafted notices).
  DPO_EMAIL: 'dpo@uxflow.test',
  // No language model: the offline paths (extractive knowledge answers); AI tests set their own.
  AI_PROVIDERS: 'none',
  AI_API_KEYS: 'none',
  AI_MODELS: 'none',
  AI_PRICES: 'none',
});

/** One suffix per test-file run (vitest gives each file its own module graph). */
const run = randomUUID().slice(0, 8);

/**
 * The database of `name` for this run of a test file: the local services are shared by every
 * checkout on the machine, so two runs of one file must not drop each other's data; within a
 * run the same name is the same database (two kits can share one).
 */
export const testDatabase = (name: string): string => `${name}_${run}`;
