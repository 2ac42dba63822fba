import { z } from 'zod';
import { lexicalWeight, reciprocalRankFusion, rrfK, vectorWeight } from './fusion.ts';
import type { IndexedChunk, KnowledgePorts, Scope } from './ports.ts';
import { screenText } from './screening.ts';

export const searchScopes = ['workspace', 'global', 'both'] as const;
export type SearchScope = (typeof searchScopes)[number];

/** Narrows a search; never widens it (the workspace is the caller's, whatever a filter says). */
export const searchFilterSchema = z
  .object({
    documentIds: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    tags: z.array(z.string().min(1).max(60)).min(1).max(20).optional(),
  })
  .strict();
export type SearchFilter = z.infer<typeof searchFilterSchema>;

export interface SearchRequest {
  workspaceId: string;
  question: string;
  scope: SearchScope;
  k: number;
  filter?: SearchFilter;
}

export interface SearchHit {
  chunk: IndexedChunk;
  scope: Scope['kind'];
  /** The fused reciprocal-rank score. */
  score: number;
}

/** A text screening kept away from the model, and why. */
export interface Screened {
  kind: 'question' | 'chunk';
  chunkId: string | null;
  documentId: string | null;
  score: number;
  rules: string[];
}

/** Which retrievers to run: both (hybrid, the default) or one, for the bench's comparison. */
export type RetrievalMode = 'hybrid' | 'vector' | 'lexical';

export interface SearchResult {
  hits: SearchHit[];
  screened: Screened[];
  questionFlagged: boolean;
}

// Each retriever proposes this many candidates per scope before fusion (and before filters).
const candidatesFor = (k: number, filtered: boolean) => Math.max(filtered ? 100 : 30, k * 4);

const scopesOf = (workspaceId: string, scope: SearchScope): Scope[] => {
  const workspace: Scope = { kind: 'workspace', workspaceId };
  if (scope === 'workspace') return [workspace];
  if (scope === 'global') return [{ kind: 'global' }];
  return [workspace, { kind: 'global' }];
};

const keyOf = (scope: Scope, chunkId: string) => `${scope.kind}|${chunkId}`;

/**
 * Hybrid retrieval: vector neighbours from Chroma and BM25 matches over the same chunks, per
 * collection, fused by reciprocal rank. The workspace collection is the caller's (from the auth
 * context): no request field can name another. Every candidate is screened for prompt injection in
 * rank order; flagged ones are left out and reported until `k` clean hits are found.
 * @throws KNOWLEDGE_UNAVAILABLE (503) when Chroma or the embedder cannot be reached.
 */
export const createRetrievalService = (ports: Pick<KnowledgePorts, 'vectors' | 'lexical' | 'embedder'>) => ({
  search: async (request: SearchRequest, mode: RetrievalMode = 'hybrid'): Promise<SearchResult> => {
    const questionScreen = screenText(request.question);
    const screened: Screened[] = questionScreen.flagged
      ? [{ kind: 'question', chunkId: null, documentId: null, score: questionScreen.score, rules: questionScreen.rules }]
      : [];
    const filter = request.filter ?? {};
    const limit = candidatesFor(request.k, filter.documentIds !== undefined || filter.tags !== undefined);
    const space = { model: ports.embedder.model, dimension: 0 };
    const vector = mode === 'lexical' ? null : await ports.embedder.embedQuestion(request.question);
    const chunks = new Map<string, { chunk: IndexedChunk; scope: Scope }>();
    const keep = (scope: Scope, found: IndexedChunk[]) =>
      found
        .filter((chunk) => filter.documentIds === undefined || filter.documentIds.includes(chunk.documentId))
        .filter((chunk) => filter.tags === undefined || filter.tags.some((tag) => chunk.tags.includes(tag)))
        .map((chunk) => {
          chunks.set(keyOf(scope, chunk.id), { chunk, scope });
          return keyOf(scope, chunk.id);
        });
    const rankings = await Promise.all(
      scopesOf(request.workspaceId, request.scope).flatMap((scope) => [
        vector === null
          ? Promise.resolve([])
          : ports.vectors.nearest(scope, vector, { ...space, dimension: vector.length }, limit).then((found) => keep(scope, found)),
        mode === 'vector' ? Promise.resolve([]) : ports.lexical.search(scope, request.question, limit).then((found) => keep(scope, found)),
      ]),
    );
    const hits: SearchHit[] = [];
    // Per scope: the vector ranking, then the lexical one (an unused retriever ranks nothing).
    const weights = rankings.map((_, index) => (index % 2 === 0 ? vectorWeight : lexicalWeight));
    for (const { id, score } of reciprocalRankFusion(rankings, rrfK, weights)) {
      if (hits.length >= request.k) break;
      const found = chunks.get(id);
      if (!found) continue;
      const verdict = screenText(found.chunk.text);
      if (verdict.flagged) {
        screened.push({
          kind: 'chunk',
          chunkId: found.chunk.id,
          documentId: found.chunk.documentId,
          score: verdict.score,
          rules: verdict.rules,
        });
        continue;
      }
      hits.push({ chunk: found.chunk, scope: found.scope.kind, score });
    }
    return { hits, screened, questionFlagged: questionScreen.flagged };
  },
});
