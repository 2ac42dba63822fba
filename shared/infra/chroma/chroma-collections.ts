import type { DataStore, StorePrivacy } from '../../platform/privacy/data-map.ts';

/**
 * A family of Chroma collections, declared by the module that names them: the name pattern
 * (`<prefix>` is KNOWLEDGE_COLLECTION_PREFIX) and its privacy facts (the data map). A test
 * refuses a module that opens Chroma collections without importing a declaration.
 */
export interface ChromaCollectionsDeclaration extends DataStore {
  readonly kind: 'chroma-collections';
  readonly store: 'chroma';
  /** The names, e.g. `<prefix>-ws-<workspaceId>`. */
  readonly pattern: string;
}

export const defineChromaCollections = /* @__NO_SIDE_EFFECTS__ */ (declaration: {
  pattern: string;
  privacy: StorePrivacy;
}): ChromaCollectionsDeclaration => ({ kind: 'chroma-collections', store: 'chroma', name: declaration.pattern, ...declaration });

export const isChromaCollectionsDeclaration = (value: unknown): value is ChromaCollectionsDeclaration =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'chroma-collections';
