import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { named, type FunctionDefinition, type Named } from '../../shared/platform/definition/index.ts';
import { validateDefinitions } from '../../shared/platform/definition/validate.ts';
import { fromRoot, repoRoot } from './paths.ts';

/** Every `functions/<domain>/<name>.ts`, relative to the repository root, sorted. */
export const listFunctionFiles = async (): Promise<string[]> => {
  const domains = await readdir(fromRoot('functions'), { withFileTypes: true });
  const files: string[] = [];
  for (const domain of domains.filter((d) => d.isDirectory())) {
    for (const file of await readdir(fromRoot('functions', domain.name))) {
      if (file.endsWith('.ts') && !file.endsWith('.test.ts')) files.push(`functions/${domain.name}/${file}`);
    }
  }
  return files.sort();
};

export interface LoadedDefinition {
  file: string;
  /** The file's definition, named after the file (`functions/<domain>/<file>.ts` → `<domain>-<file>`). */
  definition: Named<FunctionDefinition>;
}

/**
 * Imports every function file, names each definition after its file and validates the set (cost
 * tags, access decision, rate-limit class, privacy annotations, unique routes…). Throws a
 * DefinitionError naming each offending function. Importing a definition creates no client:
 * that happens on first use.
 */
export const loadDefinitions = async (): Promise<LoadedDefinition[]> => {
  const files = await listFunctionFiles();
  // zod 4 gives each schema its methods when it is built, so `.openapi()` exists only on schemas
  // built after @hono/zod-openapi has extended zod. Importing the files side by side could build a
  // shared schema (e.g. the e-mail schema) first; load the extension before any of them.
  await import('@hono/zod-openapi');
  // One after the other: vitest's module runner deadlocks on import cycles (shared/ai ↔
  // shared/knowledge) entered by concurrent imports; Node itself is as fast either way.
  const sources: { file: string; exported: unknown }[] = [];
  for (const file of files) {
    sources.push({ file, exported: ((await import(pathToFileURL(path.join(repoRoot, file)).href)) as { default?: unknown }).default });
  }
  const definitions = validateDefinitions(sources);
  const fileByName = new Map(files.map((file) => [named({}, file).name, file]));
  return definitions.map((definition) => ({ definition, file: fileByName.get(definition.name)! }));
};
