import { z } from 'zod';
import type { ConfigFragment, ConfigOf } from './fragment.ts';

export const appEnvs = ['development', 'test', 'staging', 'production'] as const;
export type AppEnv = (typeof appEnvs)[number];

export class ConfigError extends Error {
  readonly issues: readonly { variable: string; message: string }[];
  constructor(issues: readonly { variable: string; message: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable} (${i.message})`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** The parsed, frozen configuration for a set of fragments. */
export type LoadedConfig<F extends readonly ConfigFragment[]> = Readonly<{ appEnv: AppEnv } & UnionToIntersection<ConfigOf<F[number]>>>;

const appEnvSchema = z.enum(appEnvs).default('production');

/** Development defaults apply only when the environment says it is development or test. */
const withDevDefaults = (fragments: readonly ConfigFragment[], env: Record<string, string | undefined>) => {
  const merged: Record<string, string | undefined> = { ...env };
  for (const fragment of fragments) {
    for (const [key, value] of Object.entries(fragment.devDefaults)) {
      if (merged[key] === undefined || merged[key] === '') merged[key] = value;
    }
  }
  return merged;
};

/**
 * Parses the variables the given fragments declare. Throws one ConfigError naming every missing
 * or invalid variable. The result is frozen. Nothing else in the code base reads `process.env`.
 */
export const loadConfig = <F extends readonly ConfigFragment[]>(
  fragments: F,
  env: Record<string, string | undefined> = process.env,
): LoadedConfig<F> => {
  const appEnv = appEnvSchema.safeParse(env.APP_ENV || undefined);
  if (!appEnv.success) throw new ConfigError([{ variable: 'APP_ENV', message: `must be one of ${appEnvs.join(', ')}` }]);
  const isDev = appEnv.data === 'development' || appEnv.data === 'test';
  const source = isDev ? withDevDefaults(fragments, env) : env;
  const shape = Object.assign({}, ...fragments.map((f) => f.shape)) as z.ZodRawShape;
  const blankToUndefined = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = z.object(shape).safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: blankToUndefined[String(issue.path[0])] === undefined ? 'missing' : issue.message,
      })),
    );
  }
  const problems = fragments.flatMap((fragment) => fragment.check?.(parsed.data as never) ?? []);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ appEnv: appEnv.data, ...parsed.data }) as LoadedConfig<F>;
};
