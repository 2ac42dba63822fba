import { definitionSchema } from './metadata-schema.ts';
import type { FunctionDefinition } from './define.ts';
import { identityOf, stutterOf, type Named } from './identity.ts';

/** A definition as found on disk: where it came from and what it exported. */
export interface DefinitionSource {
  /** Path relative to the repository root, e.g. `functions/ops/health.ts`. */
  file: string;
  exported: unknown;
}

export class DefinitionError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid function definitions:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}

/**
 * Checks every definition and the set as a whole, and names each one after its file
 * (`functions/<domain>/<file>.ts` → `<domain>-<file>`). Throws one DefinitionError naming each
 * offending function, or returns the named definitions sorted by name.
 */
export const validateDefinitions = (sources: readonly DefinitionSource[]): Named<FunctionDefinition>[] => {
  const problems: string[] = [];
  const named: Named<FunctionDefinition>[] = [];
  const seenNames = new Map<string, string>();
  const seenRoutes = new Map<string, string>();
  for (const source of sources) {
    const identity = identityOf(source.file);
    if ('problem' in identity) {
      problems.push(`${source.file}: ${identity.problem}`);
      continue;
    }
    const { name } = identity;
    const stutter = stutterOf(name, identity.domain);
    if (stutter) problems.push(`${name}: ${stutter}`);
    const parsed = definitionSchema.safeParse(source.exported);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join('.') || 'definition'} ${issue.message}`);
      continue;
    }
    const other = seenNames.get(name);
    if (other) problems.push(`${name}: name already used by ${other}`);
    seenNames.set(name, source.file);
    if (parsed.data.kind === 'http') {
      // `{flowId}` and `{id}` in the same place are the same route.
      const route = `${parsed.data.route.method.toUpperCase()} ${parsed.data.route.path.replace(/\{[^}]*\}/g, '{}')}`;
      const owner = seenRoutes.get(route);
      if (owner) problems.push(`${name}: route ${route} already served by ${owner}`);
      seenRoutes.set(route, name);
    }
    named.push({ ...(source.exported as FunctionDefinition), ...identity });
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return named.sort((a, b) => a.name.localeCompare(b.name));
};
