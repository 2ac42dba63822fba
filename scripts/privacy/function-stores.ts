import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionDefinition } from '../../shared/platform/definition/index.ts';
import type { ResourceRef } from '../../shared/platform/resource.ts';
import { resourcesOf, withRequirements } from '../../shared/platform/runtime.ts';
import { declaringModules } from '../db/collections.ts';
import { fromRoot } from '../lib/paths.ts';

/*
 * Which stores a function reaches, derived (no list to keep): the modules its file imports,
 * followed import by import, where a module that defines resources is entered only when the
 * function uses one of them (`uses` and what those require). So the request pipeline's own
 * stores (the authenticator's sessions, the limiter's counters), which every HTTP function
 * imports, count for the pipeline, not for each function; and a store is counted when its
 * module is reachable (module granularity: an over-approximation, the safe side for the check).
 */

const isResource = (value: unknown): value is ResourceRef =>
  typeof value === 'object' && value !== null && typeof (value as ResourceRef).create === 'function' && 'config' in value;

/** Every resource the adapters and the platform define, with the module that exports it. */
export const loadResourceModules = async (): Promise<Map<ResourceRef, string>> => {
  const modules = new Map<ResourceRef, string>();
  for (const file of await declaringModules('defineResource', ['shared'])) {
    const exports = (await import(pathToFileURL(fromRoot(file)).href)) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (isResource(value) && !modules.has(value)) modules.set(value, file);
  }
  return modules;
};

// Value imports and re-exports of relative modules (`import type` brings no code).
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+\.ts)'|import\(\s*'(\.{1,2}\/[^']+\.ts)'\s*\)/g;

export interface ModuleGraph {
  /** The relative modules a module imports (repository-relative paths). */
  importsOf: (file: string) => Promise<string[]>;
}

export const createModuleGraph = (): ModuleGraph => {
  const cache = new Map<string, Promise<string[]>>();
  const read = async (file: string) => {
    const text = await readFile(fromRoot(file), 'utf8');
    return [...text.matchAll(importPattern)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? m[2]!)));
  };
  return {
    importsOf: (file) => {
      if (!cache.has(file)) cache.set(file, read(file));
      return cache.get(file)!;
    },
  };
};

/**
 * The modules a walk from `start` reaches, entering a resource module only when `entered` holds
 * one of its resources.
 */
export const reachableModules = async (
  graph: ModuleGraph,
  start: string,
  resourcesByModule: ReadonlyMap<string, readonly ResourceRef[]>,
  entered: ReadonlySet<ResourceRef>,
): Promise<Set<string>> => {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const defined = resourcesByModule.get(file);
    if (file !== start && defined && !defined.some((resource) => entered.has(resource))) continue;
    seen.add(file);
    pending.push(...(await graph.importsOf(file)));
  }
  return seen;
};

/** What a function reaches: through its own `uses`, and through its request pipeline (HTTP functions). */
export interface Reach {
  modules: Set<string>;
  resources: ResourceRef[];
  pipelineModules: Set<string>;
  pipelineResources: ResourceRef[];
}

export const reachOf = async (
  graph: ModuleGraph,
  file: string,
  definition: FunctionDefinition,
  resourcesByModule: ReadonlyMap<string, readonly ResourceRef[]>,
  fileOf: ReadonlyMap<ResourceRef, string>,
): Promise<Reach> => {
  const resources = withRequirements(definition.uses);
  const own = new Set(resources);
  const pipelineResources = resourcesOf(definition).filter((resource) => !own.has(resource));
  const pipelineModules = new Set<string>();
  for (const resource of pipelineResources) {
    const at = fileOf.get(resource);
    if (at)
      for (const module of await reachableModules(graph, at, resourcesByModule, new Set(pipelineResources))) pipelineModules.add(module);
  }
  return { modules: await reachableModules(graph, file, resourcesByModule, own), resources, pipelineModules, pipelineResources };
};

/** Inverts `loadResourceModules`: the resources each module defines. */
export const resourcesByModuleOf = (fileOf: ReadonlyMap<ResourceRef, string>): Map<string, ResourceRef[]> => {
  const byModule = new Map<string, ResourceRef[]>();
  for (const [resource, file] of fileOf) byModule.set(file, [...(byModule.get(file) ?? []), resource]);
  return byModule;
};
