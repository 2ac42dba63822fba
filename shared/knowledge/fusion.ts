/**
 * Reciprocal-rank fusion (Cormack, Clarke & Büttcher, 2009): each ranking gives an item
 * 1 / (k + rank), ranks counted from 1, and the sums order the fused list. Only ranks are used,
 * so rankings whose scores are not comparable (cosine distances, BM25) fuse without calibration.
 */
export const rrfK = 60;

export interface Fused {
  id: string;
  score: number;
}

/** Fuses rankings of ids (best first); ties keep the order in which ids were first seen. */
export const reciprocalRankFusion = (rankings: readonly (readonly string[])[], k = rrfK): Fused[] => {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
};
