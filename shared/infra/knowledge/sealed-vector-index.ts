import type { IndexedChunk, Scope, VectorIndex } from '../../knowledge/index.ts';
import type { ContentSealer } from '../crypto/sealed-content.ts';

/** A chunk document that holds a sealed value (the JSON of a SealedValue) rather than text. */
const marker = 'uxf-sealed:';
/** The associated data's "collection" of a chunk: one name for every workspace collection (the chunk id is the record). */
const chunkStore = 'knowledge-chunks';

interface ChunkContent {
  text: string;
  headingPath: string[];
}

/** The Chroma document of a workspace chunk: its text and headings sealed under the workspace's key. */
export const sealedChunkDocument = async (
  seal: ContentSealer,
  workspaceId: string,
  chunk: Pick<IndexedChunk, 'id' | 'text' | 'headingPath'>,
): Promise<string> => {
  const content: ChunkContent = { text: chunk.text, headingPath: chunk.headingPath };
  return `${marker}${JSON.stringify(await seal.json(workspaceId, chunkStore, 'content', chunk.id, content))}`;
};

/** Whether a Chroma document is sealed (chunks written before sealing are plain text). */
export const isSealedChunkDocument = (document: string): boolean => document.startsWith(marker);

/**
 * A workspace's chunks in Chroma with their text and headings sealed under the workspace's data
 * key (the document title and the vectors stay clear: Chroma needs the vectors to search, and the
 * title is listed with the document). Chroma then holds only ciphertext of a document's words; the
 * chunks are opened in the function after a query or a full read (for BM25). The global base is
 * public and stays clear. A chunk written before sealing reads as it is; one whose key was
 * destroyed (the workspace was deleted) is left out.
 */
export const createSealedVectorIndex = (inner: VectorIndex, seal: ContentSealer): VectorIndex => {
  const sealChunk = async (workspaceId: string, chunk: IndexedChunk): Promise<IndexedChunk> => ({
    ...chunk,
    text: await sealedChunkDocument(seal, workspaceId, chunk),
    headingPath: [],
  });
  const openChunk = async (workspaceId: string, chunk: IndexedChunk): Promise<IndexedChunk | null> => {
    if (!chunk.text.startsWith(marker)) return chunk;
    const stored: unknown = JSON.parse(chunk.text.slice(marker.length));
    const content = await seal.openJson<ChunkContent>(workspaceId, chunkStore, 'content', chunk.id, stored);
    return content === null ? null : { ...chunk, ...content };
  };
  const openAll = async (scope: Scope, chunks: readonly IndexedChunk[]) => {
    if (scope.kind === 'global') return [...chunks];
    const opened = await Promise.all(chunks.map((chunk) => openChunk(scope.workspaceId, chunk)));
    return opened.filter((chunk): chunk is IndexedChunk => chunk !== null);
  };
  return {
    ...inner,
    upsert: async (scope, chunks, vectors, space) => {
      const stored = scope.kind === 'global' ? chunks : await Promise.all(chunks.map((chunk) => sealChunk(scope.workspaceId, chunk)));
      await inner.upsert(scope, stored, vectors, space);
    },
    nearest: async (scope, vector, space, limit) => openAll(scope, await inner.nearest(scope, vector, space, limit)),
    all: async (scope) => {
      const { stamp, chunks } = await inner.all(scope);
      return { stamp, chunks: await openAll(scope, chunks) };
    },
  };
};
