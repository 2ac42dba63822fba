import type { Collection } from 'chromadb';
import { newId } from '../../kernel/index.ts';
import type { EmbeddingSpace, IndexedChunk, Scope, VectorIndex } from '../../knowledge/index.ts';
import type { ChromaConnection } from './chroma-client.ts';
import {
  checkSpace,
  chromaCall,
  chunkOf,
  collectionNameOf,
  ifExists,
  metadataOf,
  ownerOf,
  spaceOf,
  stampOf,
} from './knowledge-collections.ts';

// Chroma answers `get` in pages; its own default cap is far above this.
const pageSize = 1000;

/**
 * The knowledge VectorIndex over ChromaDB: one collection per scope, named from the auth context's
 * workspace (never from request input), cosine space, recording the embedding model and dimension
 * in its metadata along with a stamp renewed on every write (the lexical index rebuilds when it
 * changes). Workspace queries also filter on the chunk's `owner` server-side, as a second fence.
 */
export const createChromaVectorIndex = (client: ChromaConnection, prefix: string): VectorIndex => {
  const nameOf = (scope: Scope) => collectionNameOf(prefix, scope);
  const where = (scope: Scope) => ({ owner: ownerOf(scope) });

  /** Metadata is replaced whole on modify, so the space travels with every new stamp. */
  const restamp = async (collection: Collection) => {
    const space = spaceOf(collection.metadata);
    await collection.modify({ metadata: { ...(space ?? {}), stamp: newId('stamp') } });
  };

  const open = (scope: Scope, space: EmbeddingSpace) =>
    chromaCall(async () => {
      const collection = await (
        await client.client()
      ).getOrCreateCollection({
        name: nameOf(scope),
        embeddingFunction: null,
        metadata: { ...space, stamp: newId('stamp') },
        configuration: { hnsw: { space: 'cosine' } },
      });
      checkSpace(collection, space);
      return collection;
    });

  const all = async (collection: Collection, scope: Scope): Promise<IndexedChunk[]> => {
    const chunks: IndexedChunk[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await collection.get({ where: where(scope), include: ['documents', 'metadatas'] as never, limit: pageSize, offset });
      page.ids.forEach((id, index) => chunks.push(chunkOf(id, page.documents[index], page.metadatas[index])));
      if (page.ids.length < pageSize) return chunks;
    }
  };

  return {
    prepare: async (scope, space) => {
      await open(scope, space);
    },
    upsert: async (scope, chunks, vectors, space) => {
      const collection = await open(scope, space);
      await chromaCall(async () => {
        await collection.upsert({
          ids: chunks.map((chunk) => chunk.id),
          embeddings: vectors.map((vector) => [...vector]),
          documents: chunks.map((chunk) => chunk.text),
          metadatas: chunks.map((chunk) => metadataOf(scope, chunk)),
        });
        await restamp(collection);
      });
    },
    nearest: (scope, vector, space, limit) =>
      ifExists(client, nameOf(scope), [] as IndexedChunk[], async (collection) => {
        checkSpace(collection, space);
        const found = await collection.query({
          queryEmbeddings: [[...vector]],
          nResults: limit,
          where: where(scope),
          include: ['documents', 'metadatas', 'distances'] as never,
        });
        const ids = found.ids[0] ?? [];
        return ids.map((id, index) => chunkOf(id, found.documents[0]?.[index], found.metadatas[0]?.[index]));
      }),
    all: (scope) =>
      ifExists(client, nameOf(scope), { stamp: 'none', chunks: [] as IndexedChunk[] }, async (collection) => ({
        stamp: stampOf(collection),
        chunks: await all(collection, scope),
      })),
    stamp: (scope) => ifExists(client, nameOf(scope), null, async (collection) => stampOf(collection)),
    removeDocument: (scope, documentId) =>
      ifExists(client, nameOf(scope), undefined, async (collection) => {
        await collection.delete({ where: { $and: [where(scope), { documentId }] } });
        await restamp(collection);
      }),
    documentHashes: (scope) =>
      ifExists(client, nameOf(scope), new Map<string, string>(), async (collection) => {
        const hashes = new Map<string, string>();
        for (const chunk of await all(collection, scope)) hashes.set(chunk.documentId, chunk.documentHash);
        return hashes;
      }),
    drop: (scope) =>
      ifExists(client, nameOf(scope), undefined, async () => {
        await (await client.client()).deleteCollection({ name: nameOf(scope) });
      }),
    workspaceIds: () =>
      chromaCall(async () => {
        const marker = collectionNameOf(prefix, { kind: 'workspace', workspaceId: '' });
        const ids: string[] = [];
        for (let offset = 0; ; offset += pageSize) {
          const page = await (await client.client()).listCollections({ limit: pageSize, offset });
          for (const { name } of page) if (name.startsWith(marker)) ids.push(name.slice(marker.length));
          if (page.length < pageSize) return ids;
        }
      }),
  };
};
