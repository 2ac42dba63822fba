import type { z } from 'zod';

/**
 * A piece of configuration owned by one adapter or middleware: the variables it reads, their
 * schema, and the value each takes in development (the same value `.env.example` documents).
 */
export interface ConfigFragment<S extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  shape: S;
  /** Used only when APP_ENV is `development` or `test` and the variable is unset. */
  devDefaults: Partial<Record<keyof S & string, string>>;
  /**
   * Checks that span variables (a model map naming providers another variable declares): each
   * problem names the variable to fix. Runs at start with the parsed values, like the schemas.
   */
  check?(values: z.infer<z.ZodObject<S>>): readonly { variable: keyof S & string; message: string }[];
}

export const defineConfig = <S extends z.ZodRawShape>(fragment: ConfigFragment<S>): ConfigFragment<S> => fragment;

export type ConfigOf<F extends ConfigFragment> = z.infer<z.ZodObject<F['shape']>>;
