/**
 * Weighted reciprocal-rank fusion (Cormack, Clarke & Büttcher, 2009): each ranking gives an item
 * weight / (k + rank), ranks counted from 1, and the sums order the fused list. Only ranks are used,
 * so rankings whose scores are not comparable (cosine distances, BM25) fuse without calibration.
 *
 * The settings were measured on the global base (docs/knowledge.md, "Retrieval quality"): the paper's
 * k = 60 suits deep rankings of large collections, where rank 40 still matters; with a few hundred
 * chunks only the first ranks carry information, and a small k lets agreement at the top decide.
 * The vector ranking counts double: on this base it is the stronger retriever by a wide margin
 * (MRR 0.88 against 0.72), and BM25 serves to promote exact-term matches it ranks close behind.
 */
export const rrfK = 1;
export const vectorWeight = 2;
export const lexicalWeight = 1;

export interface Fused {
  id: string;
  score: number;
}

/**
 * Fuses rankings of ids (best first), `weights[i]` for `rankings[i]` (1 when absent); ties keep the
 * order in which ids were first seen.
 */
export const reciprocalRankFusion = (rankings: readonly (readonly string[])[], k = rrfK, weights: readonly number[] = []): Fused[] => {
  const scores = new Map<string, number>();
  rankings.forEach((ranking, which) => {
    const weight = weights[which] ?? 1;
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1)));
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
};
