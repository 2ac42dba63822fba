import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { screenText, type SearchHit } from '../../shared/knowledge/index.ts';

export const questionsSchema = z.array(z.object({ id: z.string(), question: z.string().min(1), articles: z.array(z.string()).min(1) }));
export const textsSchema = z.array(z.object({ id: z.string(), text: z.string(), technique: z.string().optional() }));

/** A JSON fixture parsed with `schema`; null when the file is not there yet. */
export const readFixture = async <T>(path: string, schema: z.ZodType<T>): Promise<T | null> => {
  const text = await readFile(path, 'utf8').catch(() => null);
  return text === null ? null : schema.parse(JSON.parse(text));
};

/** Documents in the order their first chunk appears (articles have several chunks). */
export const documentRanking = (hits: readonly SearchHit[]): string[] => [...new Set(hits.map((hit) => hit.chunk.documentId))];

/** recall@k (a labelled article among the first k documents) and MRR (1 / rank of the first one; 0 when absent). */
export const rankFigures = (rankings: readonly { ranking: string[]; relevant: string[] }[], k = 5) => {
  const ranks = rankings.map(({ ranking, relevant }) => ranking.findIndex((id) => relevant.includes(id)) + 1);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    recallAt5: round(ranks.filter((rank) => rank > 0 && rank <= k).length / Math.max(1, ranks.length)),
    mrr: round(ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / Math.max(1, ranks.length)),
  };
};

/** Detection over attacks, false positives over benign texts, and what was missed or wrongly flagged. */
export const screeningFigures = (injections: readonly { id: string; text: string }[], benign: readonly { id: string; text: string }[]) => {
  const missed = injections.filter((item) => !screenText(item.text).flagged).map((item) => item.id);
  const falsePositives = benign.filter((item) => screenText(item.text).flagged).map((item) => item.id);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    detectionRate: injections.length === 0 ? null : round(1 - missed.length / injections.length),
    falsePositiveRate: benign.length === 0 ? null : round(falsePositives.length / benign.length),
    missed,
    falsePositives,
  };
};

/** The p-th percentile of latencies in ms, one decimal. */
export const percentileOf = (latencies: readonly number[], p: number): number => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;
};
