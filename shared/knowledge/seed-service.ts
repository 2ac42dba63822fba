import type { Block } from './blocks.ts';
import { chunkBlocks } from './chunking.ts';
import { embeddingTextOf } from './ingestion-service.ts';
import type { Embedder, IndexedChunk, Scope, VectorIndex } from './ports.ts';

/** One article of the global knowledge base, parsed. */
export interface Article {
  slug: string;
  title: string;
  tags: string[];
  blocks: Block[];
  /** A hash of the whole file: a changed file is re-embedded, an unchanged one is left alone. */
  hash: string;
}

export interface SeedReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  chunks: number;
}

const global: Scope = { kind: 'global' };

/** An article's chunks; ids are `<slug>:<ordinal>`. */
export const articleChunks = (article: Article): IndexedChunk[] =>
  chunkBlocks(article.title, article.blocks).map((chunk) => ({
    id: `${article.slug}:${chunk.ordinal}`,
    documentId: article.slug,
    title: article.title,
    tags: article.tags,
    headingPath: chunk.headingPath,
    ordinal: chunk.ordinal,
    text: chunk.text,
    documentHash: article.hash,
  }));

/**
 * Brings the global collection in line with the articles: new ones added, changed ones replaced,
 * removed ones deleted, unchanged ones left alone (nothing embedded). Idempotent; an interrupted run
 * is completed by the next (an article counts as loaded only once all its chunks are written).
 * @param onProgress called after each article written.
 */
export const seedGlobal = async (
  ports: { vectors: VectorIndex; embedder: Embedder },
  articles: readonly Article[],
  onProgress: (slug: string, done: number, total: number) => void = () => undefined,
): Promise<SeedReport> => {
  const held = await ports.vectors.documentHashes(global);
  const wanted = new Set(articles.map((article) => article.slug));
  const report: SeedReport = { added: [], updated: [], removed: [], unchanged: 0, chunks: 0 };
  for (const slug of held.keys()) {
    if (wanted.has(slug)) continue;
    await ports.vectors.removeDocument(global, slug);
    report.removed.push(slug);
  }
  const todo = articles.filter((article) => held.get(article.slug) !== article.hash);
  report.unchanged = articles.length - todo.length;
  for (const [index, article] of todo.entries()) {
    const chunks = articleChunks(article);
    const vectors = await ports.embedder.embedPassages(chunks.map(embeddingTextOf));
    const space = { model: ports.embedder.model, dimension: vectors[0]?.length ?? 0 };
    await ports.vectors.prepare(global, space);
    if (held.has(article.slug)) await ports.vectors.removeDocument(global, article.slug);
    await ports.vectors.upsert(global, chunks, vectors, space);
    (held.has(article.slug) ? report.updated : report.added).push(article.slug);
    report.chunks += chunks.length;
    onProgress(article.slug, index + 1, todo.length);
  }
  return report;
};
