/** The value of `key` in the variables `ensureServices` returned; throws when it is missing. */
export function requiredEnv(env: Readonly<Record<string, string>>, key: string): string {
  const value = env[key];
  if (value === undefined || value === '') throw new Error(`ensureServices returned no ${key}`);
  return value;
}

/** Long enough for a first run that installs the services (Go builds, pip install). */
export const servicesHookTimeoutMs = 15 * 60_000;
