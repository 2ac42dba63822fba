import type { Collection, Metadata } from 'chromadb';
import { knowledgeErrors, type EmbeddingSpace, type IndexedChunk, type Scope } from '../../knowledge/index.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';
import type { ChromaConnection } from './chroma-client.ts';
import { defineChromaCollections } from './chroma-collections.ts';

/** The global knowledge base: UX articles everyone may read. */
export const globalKnowledgeCollection = defineChromaCollections({
  pattern: '<prefix>-global',
  privacy: noPersonalData('published UX articles and their vectors', 'operational', ['public']),
});

/** A workspace's documents, chunked, with their vectors (`owner` = the workspace, `documentId`). */
export const workspaceKnowledgeCollections = defineChromaCollections({
  pattern: '<prefix>-ws-<workspaceId>',
  privacy: {
    classes: ['user-content'],
    personalData: ['content'],
    retention: 'workspace',
    subject: { workspaceId: 'owner' },
    export: { none: 'chunks of the knowledge documents, which are exported from MongoDB' },
    erase: 'with-workspace',
  },
});

/** The name of a scope's collection: `<prefix>-global`, `<prefix>-ws-<workspaceId>` (declared above). */
export const collectionNameOf = (prefix: string, scope: Scope): string =>
  scope.kind === 'global' ? `${prefix}-global` : `${prefix}-ws-${scope.workspaceId}`;

/** Who may find a chunk: the workspace id, or `global`; every workspace query filters on it as well. */
export const ownerOf = (scope: Scope): string => (scope.kind === 'global' ? 'global' : scope.workspaceId);

/** Chroma errors as the domain knows them: unreachable → 503; anything else is a bug and stays a 500. */
export const chromaCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    // Loaded by now (the client that failed came from it): chromadb stays off the cold start.
    const { ChromaConnectionError } = await import('chromadb');
    if (error instanceof ChromaConnectionError || (error instanceof TypeError && /fetch/i.test(error.message))) {
      throw knowledgeErrors.unavailable('vector store', error);
    }
    throw error;
  }
};

/** Runs `call` on the collection, or returns `missing` when it does not exist. */
export const ifExists = async <T>(chroma: ChromaConnection, name: string, missing: T, call: (collection: Collection) => Promise<T>) =>
  chromaCall(async () => {
    const client = await chroma.client();
    let collection: Collection;
    try {
      collection = await client.getCollection({ name });
    } catch (error) {
      const { ChromaNotFoundError } = await import('chromadb');
      if (error instanceof ChromaNotFoundError) return missing;
      throw error;
    }
    return call(collection);
  });

/** The space a collection's metadata records, or null for one made by someone else. */
export const spaceOf = (metadata: Metadata | undefined): EmbeddingSpace | null =>
  typeof metadata?.model === 'string' && typeof metadata.dimension === 'number'
    ? { model: metadata.model, dimension: metadata.dimension }
    : null;

/** @throws EMBEDDING_MODEL_MISMATCH when the collection records another model or dimension. */
export const checkSpace = (collection: Collection, wanted: EmbeddingSpace): void => {
  const held = spaceOf(collection.metadata);
  if (held === null || (held.model === wanted.model && held.dimension === wanted.dimension)) return;
  throw knowledgeErrors.modelMismatch(held, wanted);
};

/** Chunk fields as record metadata (lists are Chroma string arrays). */
export const metadataOf = (scope: Scope, chunk: IndexedChunk): Metadata => ({
  owner: ownerOf(scope),
  documentId: chunk.documentId,
  title: chunk.title,
  tags: chunk.tags.length > 0 ? chunk.tags : [''],
  headingPath: chunk.headingPath.length > 0 ? chunk.headingPath : [''],
  ordinal: chunk.ordinal,
  documentHash: chunk.documentHash,
});

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];

/** A stored record back as a chunk. */
export const chunkOf = (id: string, text: string | null | undefined, metadata: Metadata | null | undefined): IndexedChunk => ({
  id,
  documentId: stringOf(metadata?.documentId),
  title: stringOf(metadata?.title),
  tags: strings(metadata?.tags),
  headingPath: strings(metadata?.headingPath),
  ordinal: typeof metadata?.ordinal === 'number' ? metadata.ordinal : 0,
  text: text ?? '',
  documentHash: stringOf(metadata?.documentHash),
});

/** A collection's stamp ('none' before the first write). */
export const stampOf = (collection: Collection): string => stringOf(collection.metadata?.stamp) || 'none';
