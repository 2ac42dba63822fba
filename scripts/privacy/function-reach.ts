import type { LoadedDefinition } from '../lib/load-definitions.ts';
import type { Privacy } from '../../shared/platform/definition/metadata.ts';
import type { DataStore, Recipient } from '../../shared/platform/privacy/data-map.ts';
import type { ResourceRef } from '../../shared/platform/resource.ts';
import type { DeclaredStore } from './data-map.ts';
import { createModuleGraph, loadResourceModules, reachOf, resourcesByModuleOf } from './function-stores.ts';

/** A function as the record of processing sees it: its annotation and what it reaches. */
export interface FunctionReach {
  name: string;
  kind: string;
  privacy: Privacy;
  /** The stores its own code and `uses` reach. */
  stores: DataStore[];
  /** The stores its request pipeline (authenticator, rate limiter) reaches. */
  pipelineStores: DataStore[];
  recipients: Recipient[];
  pipelineRecipients: Recipient[];
}

const recipientsOf = (resources: readonly ResourceRef[]): Recipient[] => {
  const byName = new Map<string, Recipient>();
  for (const { recipient } of resources) if (recipient) byName.set(recipient.name, recipient);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
};

const holdsPersonalData = (store: DataStore) => store.privacy.personalData.length > 0;

/** Every function's reach, from the definitions and the data map (sorted by function name). */
export const collectReach = async (loaded: readonly LoadedDefinition[], dataMap: readonly DeclaredStore[]): Promise<FunctionReach[]> => {
  const fileOf = await loadResourceModules();
  const byModule = resourcesByModuleOf(fileOf);
  const graph = createModuleGraph();
  const storesIn = (modules: ReadonlySet<string>) => dataMap.filter(({ file }) => modules.has(file)).map(({ store }) => store);
  const reach: FunctionReach[] = [];
  for (const { file, definition } of loaded) {
    const found = await reachOf(graph, file, definition, byModule, fileOf);
    reach.push({
      name: definition.name,
      kind: definition.kind,
      privacy: definition.privacy,
      stores: storesIn(found.modules),
      pipelineStores: storesIn(found.pipelineModules),
      recipients: recipientsOf(found.resources),
      pipelineRecipients: recipientsOf(found.pipelineResources),
    });
  }
  return reach.sort((a, b) => a.name.localeCompare(b.name));
};

/**
 * Functions that reach a store holding personal data while their annotation says they process
 * none: each must name the categories, a purpose and a legal basis.
 */
export const annotationProblems = (reach: readonly FunctionReach[]): string[] =>
  reach.flatMap(({ name, privacy, stores }) => {
    const personal = stores.filter(holdsPersonalData);
    if (privacy.personalData !== 'none' || personal.length === 0) return [];
    const named = personal.map((store) => `${store.store} ${store.name}`).join(', ');
    return [`${name} declares personalData: 'none' but reaches stores with personal data: ${named}`];
  });
