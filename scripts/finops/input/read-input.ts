import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { FinOpsInputError } from './input-error.ts';

/** `functions[3].requests` from zod's issue path `['functions', 3, 'requests']`. */
export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') ||
  '(root)';

/** Parses already-read JSON text against `schema`; throws FinOpsInputError naming `file` and every bad field. */
export const parseInput = <S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FinOpsInputError(file, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const result = schema.safeParse(json);
  if (!result.success)
    throw new FinOpsInputError(
      file,
      result.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`),
    );
  return result.data;
};

/** Reads a JSON input file and validates it (see parseInput); a missing file is a FinOpsInputError too. */
export const readInput = async <S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FinOpsInputError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  return parseInput(file, text, schema);
};
