import type { HclDocument } from '../../../scripts/tools/hcl.ts';

/** bc-python-hcl2 wraps each attribute value in a one-element list; this takes it out. */
export const unwrap = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Follows a path of block and attribute names, unwrapping at each step; `undefined` if absent. */
export function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((current, key) => unwrap(asRecord(unwrap(current))[key]), value);
}

export type Resource = { type: string; name: string; body: Record<string, unknown> };

/** The `resource` blocks of a module's documents. */
export function resources(documents: readonly HclDocument[]): Resource[] {
  return documents.flatMap((document) =>
    ((document.resource as unknown[]) ?? []).flatMap((block) =>
      Object.entries(asRecord(block)).flatMap(([type, named]) =>
        Object.entries(asRecord(named)).map(([name, body]) => ({ type, name, body: asRecord(body) })),
      ),
    ),
  );
}

/** The merged `locals` of a module, values unwrapped. */
export function locals(documents: readonly HclDocument[]): Record<string, unknown> {
  const entries = documents.flatMap((document) =>
    ((document.locals as unknown[]) ?? []).flatMap((block) => Object.entries(asRecord(block))),
  );
  return Object.fromEntries(entries.filter(([key]) => !key.startsWith('__')).map(([key, value]) => [key, unwrap(value)]));
}

/** The `variable` blocks of a module by name. */
export function variables(documents: readonly HclDocument[]): Record<string, Record<string, unknown>> {
  const entries = documents.flatMap((document) =>
    ((document.variable as unknown[]) ?? []).flatMap((block) => Object.entries(asRecord(block))),
  );
  return Object.fromEntries(entries.map(([name, body]) => [name, asRecord(body)]));
}

/** The arguments of a `module "<name>"` call, values unwrapped; `undefined` if the module is not called. */
export function moduleCall(documents: readonly HclDocument[], name: string): Record<string, unknown> | undefined {
  const calls = documents.flatMap((document) => ((document.module as unknown[]) ?? []).map((block) => asRecord(block)[name]));
  const call = calls.find((body) => body !== undefined);
  return call === undefined ? undefined : Object.fromEntries(Object.entries(asRecord(call)).map(([key, value]) => [key, unwrap(value)]));
}
