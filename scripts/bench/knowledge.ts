import { ensureServices } from '../services/index.ts';
import { fromRoot } from '../lib/paths.ts';
import { migrate } from '../db/migrate.ts';
import { seed } from '../knowledge/index.ts';
import { createLedger } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../shared/kernel/index.ts';
import { createQueryService, createRetrievalService, extractiveWriter, type RetrievalMode } from '../../shared/knowledge/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import health from '../../functions/ops/health.ts';
import {
  documentRanking,
  percentileOf,
  questionsSchema,
  rankFigures,
  readFixture,
  screeningFigures,
  textsSchema,
} from './knowledge-figures.ts';

/**
 * The knowledge bench: retrieval quality on the labelled questions over the global base (recall@5
 * and MRR for lexical, vector and hybrid), the injection screening's detection and false-positive
 * rates over the fixtures, and the query latency (p95; retrieval + extractive answer + credits, the
 * question embedded fresh each time, one at a time: the local embedder serves one request at a time)
 * against GET /v1/health in the same process and run. Ends with one JSON line.
 * Options: `--articles DIR`, `--questions FILE` (defaults: the global base and its questions).
 */
const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const articlesDir = option('--articles', fromRoot('shared/knowledge/articles'));
const questionsFile = option('--questions', fromRoot('tests/fixtures/knowledge/questions.json'));
const fixtures = fromRoot('tests/fixtures/knowledge');
const database = 'uxflow_bench_knowledge';
const modes: RetrievalMode[] = ['lexical', 'vector', 'hybrid'];

const main = async () => {
  const services = await ensureServices({ only: ['mongodb', 'redis', 'upstash', 'chroma', 'embeddings'], log: () => {} });
  // The database (and its embedding cache) outlives the run: a second run embeds nothing but the questions.
  const env = { ...services, APP_ENV: 'development', LOG_LEVEL: 'warn', MONGODB_DB: database, KNOWLEDGE_COLLECTION_PREFIX: 'bench' };
  await migrate(services.MONGODB_URI!, database);
  const seeded = await seed(env, (line) => console.error(`[bench] ${line}`), articlesDir);
  const runtime = createRuntime({ name: 'bench-knowledge', uses: [knowledgePorts, mongo] }, env);
  const ports = runtime.use(knowledgePorts);
  const questions = (await readFixture(questionsFile, questionsSchema)) ?? [];

  // Each question embedded once for the quality figures; the three modes share its vector.
  const vectors = new Map<string, number[]>();
  const embedder = {
    ...ports.embedder,
    embedQuestion: async (text: string) => vectors.get(text) ?? vectors.set(text, await ports.embedder.embedQuestion(text)).get(text)!,
  };
  const retrieval = createRetrievalService({ ...ports, embedder });
  const workspaceId = newId('wsp');
  const quality: Record<string, ReturnType<typeof rankFigures>> = {};
  for (const mode of modes) {
    const rankings = [];
    for (const item of questions) {
      const { hits } = await retrieval.search({ workspaceId, question: item.question, scope: 'global', k: 30 }, mode);
      rankings.push({ ranking: documentRanking(hits).slice(0, 10), relevant: item.articles });
    }
    quality[mode] = rankFigures(rankings);
  }

  const injections = (await readFixture(`${fixtures}/injections.json`, textsSchema)) ?? [];
  const benign = (await readFixture(`${fixtures}/benign.json`, textsSchema)) ?? [];
  const screening = screeningFigures(injections, benign);

  const ledger = createLedger(runtime.use(ledgerPorts));
  await ledger.grantPlanCredits(workspaceId, 10_000, `bench-${workspaceId}`, 'bench', null);
  const query = createQueryService(ports, extractiveWriter);
  const app = createHttpApp(health, createRuntime(health, env));
  const timed = async (call: () => Promise<unknown>) => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  const sample = questions.slice(0, 40);
  const healthLatencies: number[] = [];
  const queryLatencies: number[] = [];
  for (const [index, item] of sample.entries()) {
    healthLatencies.push(await timed(async () => (await app.request('/v1/health')).arrayBuffer()));
    queryLatencies.push(
      await timed(() =>
        query.query(
          { workspaceId, question: item.question, scope: 'both', k: 5 },
          { actor: 'usr_bench', idempotencyKey: `bench-${index}-${Date.now()}` },
        ),
      ),
    );
  }
  const healthP95 = percentileOf(healthLatencies, 0.95);
  const queryP95 = percentileOf(queryLatencies, 0.95);

  for (const mode of modes) console.error(`${mode.padEnd(8)} recall@5 ${quality[mode]?.recallAt5}  MRR ${quality[mode]?.mrr}`);
  console.error(`screening detection ${screening.detectionRate} (missed: ${screening.missed.join(', ') || 'none'})`);
  console.error(`screening false positives ${screening.falsePositiveRate} (${screening.falsePositives.join(', ') || 'none'})`);
  console.error(`query p95 ${queryP95} ms, health p95 ${healthP95} ms`);
  console.log(
    JSON.stringify({
      bench: 'knowledge',
      articles: seeded.added.length + seeded.updated.length + seeded.unchanged,
      questions: questions.length,
      lexical_recall_at_5: quality.lexical?.recallAt5,
      lexical_mrr: quality.lexical?.mrr,
      vector_recall_at_5: quality.vector?.recallAt5,
      vector_mrr: quality.vector?.mrr,
      hybrid_recall_at_5: quality.hybrid?.recallAt5,
      hybrid_mrr: quality.hybrid?.mrr,
      hybrid_beats_both_on_mrr: (quality.hybrid?.mrr ?? 0) > Math.max(quality.lexical?.mrr ?? 0, quality.vector?.mrr ?? 0),
      injections: injections.length,
      benign: benign.length,
      injection_detection_rate: screening.detectionRate,
      injection_false_positive_rate: screening.falsePositiveRate,
      query_samples: sample.length,
      query_p95_ms: queryP95,
      health_p95_ms: healthP95,
      query_to_health_p95: healthP95 > 0 ? Math.round((queryP95 / healthP95) * 10) / 10 : null,
    }),
  );
  await runtime.close();
};

await main();
