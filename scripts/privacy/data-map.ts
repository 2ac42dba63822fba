import { isChromaCollectionsDeclaration } from '../../shared/infra/chroma/chroma-collections.ts';
import { isRedisKeysDeclaration } from '../../shared/infra/upstash/redis-keys.ts';
import type { DataStore } from '../../shared/platform/privacy/data-map.ts';
import { storePrivacyProblems } from '../../shared/platform/privacy/store-checks.ts';
import { loadCollections, loadDeclared } from '../db/collections.ts';

/** A store of the data map and the module that declares it (relative to the repository root). */
export interface DeclaredStore {
  file: string;
  store: DataStore;
}

/** The functions that declare stores, one per kind of store. */
export const storeDefiners = ['defineCollection', 'defineRedisKeys', 'defineChromaCollections'] as const;

/**
 * The data map: every MongoDB collection, Redis key family and Chroma collection family the
 * adapters declare, found by importing the modules that declare them (no list to keep), sorted by
 * kind and name. Throws when a store's privacy facts are missing or contradict each other, or
 * one name is declared twice.
 */
export const loadDataMap = async (): Promise<DeclaredStore[]> => {
  const found: DeclaredStore[] = [
    ...(await loadCollections()).map(({ file, collection }) => ({ file, store: collection })),
    ...(await loadDeclared('defineRedisKeys', isRedisKeysDeclaration)).map(({ file, value }) => ({ file, store: value })),
    ...(await loadDeclared('defineChromaCollections', isChromaCollectionsDeclaration)).map(({ file, value }) => ({ file, store: value })),
  ];
  const problems = found.flatMap(({ file, store }) => storePrivacyProblems(store).map((problem) => `${problem} (${file})`));
  const seen = new Set<string>();
  for (const { file, store } of found) {
    const key = `${store.store} ${store.name}`;
    if (seen.has(key)) problems.push(`${key} is declared twice (again in ${file})`);
    seen.add(key);
  }
  if (problems.length > 0) throw new Error(`data map:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return found.sort((a, b) => a.store.store.localeCompare(b.store.store) || a.store.name.localeCompare(b.store.name));
};
