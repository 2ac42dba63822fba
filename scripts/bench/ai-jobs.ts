import { migrate } from '../db/migrate.ts';
import { ensureServices } from '../services/index.ts';
import { createAiRequestService, createJobRunner, type Requester } from '../../shared/ai/index.ts';
import { createLedger } from '../../shared/billing/index.ts';
import { createFlowCreateService } from '../../shared/flows/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { aiPorts } from '../../shared/infra/ai/ai-ports-resource.ts';
import { jobRunnerPorts } from '../../shared/infra/ai/job-runner-resource.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { flowPorts } from '../../shared/infra/flows/flows-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { workspaceCollection } from '../../shared/infra/mongodb/workspace-store.ts';
import { newId } from '../../shared/kernel/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { named } from '../../shared/platform/definition/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import health from '../../functions/ops/health.ts';
import { readEdits, readJourneys } from './ai-figures.ts';

const database = 'uxflow_bench_ai';

/**
 * The job runner end to end on the real services, as `ai-run-job` runs it: for each journey
 * (`POST …/ai/flows`) and each edit (`POST …/ai/messages` with intent ai.plan) the request service
 * accepts the job (screening, credits reserved, job and message stored), then the runner of the
 * function's own resources (`jobRunnerPorts`: offline agents, knowledge retrieval of the workspace
 * and the global base, placement, ledger) claims it, does it, validates, charges and writes `done`.
 * The broker hop between the two is left out (a no-op publisher): it is the fleet's, not the job's.
 * Each job alternates with GET /v1/health in the same process, the baseline of the same run.
 * Retrieval embeds the question (the embeddings service); the bench's knowledge collections are
 * empty, so it finds nothing, as for a workspace without documents before the global base is seeded.
 */
export const benchJobs = async (log: (line: string) => void) => {
  const services = await ensureServices({ only: ['mongodb', 'redis', 'upstash', 'chroma', 'embeddings'], log: () => {} });
  const env = {
    ...services,
    APP_ENV: 'development',
    LOG_LEVEL: 'warn',
    MONGODB_DB: database,
    KNOWLEDGE_COLLECTION_PREFIX: 'bench-ai',
    AI_PROVIDERS: 'none',
    AI_API_KEYS: 'none',
    AI_MODELS: 'none',
    AI_PRICES: 'none',
  };
  await migrate(services.MONGODB_URI!, database);
  const runtime = createRuntime({ name: 'bench-ai-jobs', uses: [aiPorts, aiAgents, jobRunnerPorts, flowPorts, ledgerPorts, mongo] }, env);
  const app = createHttpApp(health, createRuntime(named(health, 'functions/ops/health.ts'), env));
  const { rules, agents } = runtime.use(aiAgents);
  const requests = createAiRequestService({ ...runtime.use(aiPorts), events: { publish: async () => {} } }, { rules, agents });
  // The function's own runner ports; retrieval timed on the way (the embedder's share of a job).
  const runnerPorts = runtime.use(jobRunnerPorts);
  const retrievalMs: number[] = [];
  const runner = createJobRunner({
    ...runnerPorts,
    retrieval: {
      passages: async (workspaceId, question) => {
        const started = performance.now();
        const passages = await runnerPorts.retrieval.passages(workspaceId, question);
        retrievalMs.push(performance.now() - started);
        return passages;
      },
    },
  });
  const ledger = createLedger(runtime.use(ledgerPorts));
  const flows = createFlowCreateService(runtime.use(flowPorts));
  const { db } = runtime.use(mongo);

  /** A workspace of its own per job (a plan's flow limit never counts), owned by the bench user, with credits. */
  const workspace = async () => {
    const id = newId('wsp');
    await workspaceCollection.in(db).insertOne({
      _id: id as never,
      schemaVersion: 1,
      name: `bench ${id.slice(4, 10)}`,
      ownerId: 'usr_bench',
      personal: false,
      plan: 'pro',
      trialEndsAt: null,
      createdAt: new Date(),
    });
    await ledger.grantPlanCredits(id, 100, `bench-${id}`, 'bench', null);
    return id;
  };
  // Owner of every bench workspace: the permission checks run, and pass.
  const who: Requester = { caller: { userId: 'usr_bench', access: async () => 'granted' }, actor: 'usr_bench' };

  type Job = () => Promise<{ jobId: string }>;
  const work: { id: string; prepare: () => Promise<Job> }[] = [
    ...readJourneys().map((journey) => ({
      id: journey.id,
      prepare: async (): Promise<Job> => {
        const workspaceId = await workspace();
        return async () => ({
          jobId: (await requests.generateFlow(who, workspaceId, { description: journey.description, quality: 'standard' })).id,
        });
      },
    })),
    ...readEdits().map((edit) => ({
      id: edit.id,
      prepare: async (): Promise<Job> => {
        const workspaceId = await workspace();
        const { head } = await flows.create(who.caller, workspaceId, { name: edit.template, templateId: edit.template });
        return async () => ({
          jobId: (
            await requests.sendMessage(who, head.id, {
              message: edit.instruction,
              quality: 'standard',
              intent: 'ai.plan',
              focusNodeIds: edit.focus ?? [],
            })
          ).id,
        });
      },
    })),
  ];

  const healthMs: number[] = [];
  const jobMs: number[] = [];
  const failed: string[] = [];
  const once = async (item: (typeof work)[number], record: boolean) => {
    const accept = await item.prepare();
    const started = performance.now();
    await (await app.request('/v1/health')).arrayBuffer();
    const healthTook = performance.now() - started;
    const jobStarted = performance.now();
    const { jobId } = await accept();
    const run = await runner.run(jobId);
    const jobTook = performance.now() - jobStarted;
    if (!record) return;
    healthMs.push(healthTook);
    jobMs.push(jobTook);
    if (run.outcome !== 'done' || (await runtime.use(aiPorts).jobs.find(jobId)) === null) failed.push(item.id);
  };
  // Warm up first (code compiled, connections opened, the embedder loaded), as a running function is.
  for (const item of work.slice(0, 3)) await once(item, false);
  retrievalMs.length = 0;
  for (const item of work) await once(item, true);
  log(`jobs ${jobMs.length}, failed: ${failed.join(', ') || 'none'}`);
  // Nothing of a run is kept: the next one starts from the same empty database.
  await db.dropDatabase();
  await runtime.close();
  return { jobMs, healthMs, retrievalMs, failed };
};
