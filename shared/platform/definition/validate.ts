import { definitionSchema } from './metadata-schema.ts';
import type { FunctionDefinition } from './define.ts';

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

const expectedName = (file: string) => {
  const match = /^functions\/([a-z0-9-]+)\/([a-z0-9-]+)\.ts$/.exec(file);
  return match ? `${match[1]}-${match[2]}` : null;
};

const nameOf = (source: DefinitionSource) => {
  const exported = source.exported as { name?: unknown } | undefined;
  return typeof exported?.name === 'string' ? exported.name : source.file;
};

/**
 * Checks every definition and the set as a whole; throws one DefinitionError naming each
 * offending function, or returns the definitions sorted by name.
 */
export const validateDefinitions = (sources: readonly DefinitionSource[]): FunctionDefinition[] => {
  const problems: string[] = [];
  const seenNames = new Map<string, string>();
  const seenRoutes = new Map<string, string>();
  for (const source of sources) {
    const name = nameOf(source);
    const parsed = definitionSchema.safeParse(source.exported);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${name}: ${issue.path.join('.') || 'definition'} ${issue.message}`);
      continue;
    }
    const expected = expectedName(source.file);
    if (expected === null) problems.push(`${name}: file ${source.file} must be functions/<domain>/<kebab-case-name>.ts`);
    else if (expected !== parsed.data.name) problems.push(`${name}: name must be "${expected}" to match its file ${source.file}`);
    if (!source.file.startsWith(`functions/${parsed.data.domain}/`))
      problems.push(`${name}: domain "${parsed.data.domain}" does not match its folder`);
    const other = seenNames.get(parsed.data.name);
    if (other) problems.push(`${name}: name already used by ${other}`);
    seenNames.set(parsed.data.name, source.file);
    if (parsed.data.kind === 'http') {
      // `{flowId}` and `{id}` in the same place are the same route.
      const route = `${parsed.data.route.method.toUpperCase()} ${parsed.data.route.path.replace(/\{[^}]*\}/g, '{}')}`;
      const owner = seenRoutes.get(route);
      if (owner) problems.push(`${name}: route ${route} already served by ${owner}`);
      seenRoutes.set(route, name);
    }
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  return sources.map((s) => s.exported as FunctionDefinition).sort((a, b) => a.name.localeCompare(b.name));
};
