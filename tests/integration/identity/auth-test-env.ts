/** Production-mode configuration for identity tests: every variable explicit, one database per file. */
export const authTestEnv = (services: Record<string, string>, database: string): Record<string, string> => ({
  ...services,
  APP_ENV: 'production',
  LOG_LEVEL: 'silent',
  MONGODB_DB: database,
  AUTH_ISSUER: 'http://127.0.0.1:3000',
  AUTH_AUDIENCE: 'uxflow-api',
  AUTH_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
});
