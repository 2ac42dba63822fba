import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const shared = join(import.meta.dirname, '../../../shared');
const notDomains = new Set(['infra', 'platform', 'kernel']);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** Which other domains each domain imports at run time (through their index.ts, as the lint rule allows). */
const domainGraph = (): Map<string, Set<string>> => {
  const graph = new Map<string, Set<string>>();
  const domains = readdirSync(shared, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notDomains.has(entry.name))
    .map((entry) => entry.name);
  for (const domain of domains) {
    const uses = new Set<string>();
    for (const file of filesUnder(join(shared, domain))) {
      // Type-only imports leave no trace at run time, so they cannot order module code wrongly.
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from '(\.[^']+)'/gm)) {
        const resolved = relative(shared, join(file, '..', target!)).split(sep)[0]!;
        if (resolved !== domain && domains.includes(resolved)) uses.add(resolved);
      }
    }
    graph.set(domain, uses);
  }
  return graph;
};

/** A cycle through the graph as a path (`a → b → a`), or null. */
const findCycle = (graph: Map<string, Set<string>>): string[] | null => {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return null;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
};

describe('domain imports', () => {
  // A cycle between two domains' index.ts files makes the bundler order one module's top-level
  // code before what it calls is defined: the bundle throws at load ("x is not a function").
  it('should form no cycle between domains', () => {
    expect(findCycle(domainGraph())?.join(' → ') ?? null).toBeNull();
  });

  it('should find a cycle when two domains import each other', () => {
    const graph = new Map([
      ['ai', new Set(['knowledge'])],
      ['knowledge', new Set(['ai'])],
    ]);
    expect(findCycle(graph)).toEqual(['ai', 'knowledge', 'ai']);
  });
});
