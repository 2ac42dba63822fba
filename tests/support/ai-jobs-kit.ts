import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { RouteConfig } from '@hono/zod-openapi';
import runJobFunction from '../../functions/ai/run-job.ts';
import createFlow from '../../functions/flows/create.ts';
import type { Agents, AiPorts, RunnerPorts } from '../../shared/ai/index.ts';
import { createLedger } from '../../shared/billing/index.ts';
import { aiPorts } from '../../shared/infra/ai/ai-ports-resource.ts';
import { jobRunnerPorts } from '../../shared/infra/ai/job-runner-resource.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { chroma } from '../../shared/infra/chroma/chroma-client.ts';
import { newId } from '../../shared/kernel/index.ts';
import { named, type HttpFunctionDefinition } from '../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import type { ResourceRef, Use } from '../../shared/platform/resource.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { testDatabase } from './auth-test-env.ts';
import { deliverEvent } from './deliver-event.ts';
import { startWorkspaceKit, type Reply, type TestUser } from './workspace-kit.ts';

export const runJob = named(runJobFunction, 'functions/ai/run-job.ts');

/** What a test swaps in a function's resources: the clock of the AI ports, the runner's agents and timeout. */
export interface Swaps {
  clock?: { now: () => Date };
  /** Wraps the function's AI ports (a store that fails once, say). */
  ports?: (ports: AiPorts) => AiPorts;
  agents?: Agents;
  agentTimeoutMs?: number;
}

const swapped = (runtime: Runtime, swaps: Swaps): Runtime => {
  const use = (<T>(resource: ResourceRef<T>): T => {
    const value = runtime.use(resource);
    if (resource === (aiPorts as ResourceRef)) {
      const ports = { ...(value as AiPorts), ...(swaps.clock ? { clock: swaps.clock } : {}) };
      return (swaps.ports ? swaps.ports(ports) : ports) as T;
    }
    if (resource === (jobRunnerPorts as ResourceRef)) {
      return {
        ...(value as RunnerPorts),
        ...(swaps.clock ? { clock: swaps.clock } : {}),
        ...(swaps.agents ? { agents: () => swaps.agents } : {}),
        ...(swaps.agentTimeoutMs ? { agentTimeoutMs: swaps.agentTimeoutMs } : {}),
      } as T;
    }
    return value;
  }) as Use;
  return { ...runtime, use };
};

/**
 * The AI functions over the real services: the workspace kit (MongoDB, Upstash), Chroma and the
 * embedder for retrieval (a collection prefix of this run), a real HTTP server standing in for the
 * broker (it records the events), the credit ledger. A test swaps in its own Agents (our port) and
 * clock through the runtime, as a function's resources.
 */
export const startAiJobsKit = async (name: string, env: Record<string, string> = {}) => {
  const events: { type: string; id: string; data: Record<string, unknown>; traceparent?: string }[] = [];
  const broker: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      events.push({
        type: String(req.headers['ce-type']),
        id: String(req.headers['ce-id']),
        data: JSON.parse(body || '{}') as Record<string, unknown>,
        ...(req.headers['ce-traceparent'] ? { traceparent: String(req.headers['ce-traceparent']) } : {}),
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  const prefix = `it-ai-${randomUUID().slice(0, 8)}`;
  const kit = await startWorkspaceKit(testDatabase(name), {
    services: ['chroma', 'embeddings'],
    env: {
      BROKER_URL: `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`,
      KNOWLEDGE_COLLECTION_PREFIX: prefix,
      // The tests send bursts (ten requests at once); the limiter is tested elsewhere.
      RATE_LIMIT_AI_PER_MINUTE: 'free:10000,basic:10000,pro:10000,enterprise:10000',
      // No provider: the offline planner, unless a test swaps in agents of its own.
      AI_PROVIDERS: 'none',
      AI_API_KEYS: 'none',
      AI_MODELS: 'none',
      AI_PRICES: 'none',
      ...env,
    },
  });
  const runtimes: Runtime[] = [];
  const runtimeOf = (definition: Omit<Parameters<typeof createRuntime>[0], 'name'>, swaps: Swaps = {}) => {
    const runtime = createRuntime({ ...definition, name: 'ai-it' }, kit.env);
    runtimes.push(runtime);
    return swapped(runtime, swaps);
  };
  const base = runtimeOf({ uses: [aiPorts, ledgerPorts, chroma] });
  const ledger = createLedger(base.use(ledgerPorts));

  /** Calls an HTTP function on a runtime of its own with `swaps` (the kit's `call` for the rest). */
  const callWith = async <R extends RouteConfig>(
    definition: HttpFunctionDefinition<R>,
    swaps: Swaps,
    path: string,
    as: TestUser,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const app = createHttpApp(
      definition as unknown as HttpFunctionDefinition,
      runtimeOf(definition as unknown as HttpFunctionDefinition, swaps),
    );
    const response = await app.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/json', 'x-forwarded-for': kit.address, ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    const body = text && /json/.test(response.headers.get('content-type') ?? '') ? (JSON.parse(text) as Record<string, unknown>) : null;
    return { status: response.status, body, headers: response.headers, text };
  };

  /** Sends a request as it is (a multipart form, say), with `as`'s token. */
  const send = async <R extends RouteConfig>(
    definition: HttpFunctionDefinition<R>,
    path: string,
    as: TestUser,
    init: RequestInit,
  ): Promise<Reply> => {
    const app = createHttpApp(definition as unknown as HttpFunctionDefinition, runtimeOf(definition as unknown as HttpFunctionDefinition));
    const response = await app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${as.token}`, 'x-forwarded-for': kit.address, ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    const body = text && /json/.test(response.headers.get('content-type') ?? '') ? (JSON.parse(text) as Record<string, unknown>) : null;
    return { status: response.status, body, headers: response.headers, text };
  };

  /** A team on `plan` (owner, editor, viewer, stranger) with `credits` plan credits. */
  const team = async (credits: number, plan: 'free' | 'basic' | 'pro' | 'enterprise' = 'pro') => {
    const people = await kit.users('owner', 'editor', 'viewer', 'stranger');
    const workspaceId = await kit.workspace({ owner: [people.owner], editor: [people.editor], viewer: [people.viewer] }, { plan });
    if (credits > 0) await ledger.grantPlanCredits(workspaceId, credits, `grant:${newId('in')}`, 'test', null);
    return { workspaceId, ...people };
  };
  const balance = async (workspaceId: string) => (await ledger.balance(workspaceId)).balances.total;
  const newFlow = async (workspaceId: string, as: TestUser, body: Record<string, unknown> = { name: 'Checkout' }) => {
    const reply = await kit.call(createFlow, `/v1/workspaces/${workspaceId}/flows`, as, { method: 'POST', body });
    if (reply.status !== 201) throw new Error(`create answered ${reply.status}: ${reply.text}`);
    return reply.body?.id as string;
  };
  /** Delivers the job's `job.requested` event to the runner, with the agents (and clock, timeout) given. */
  const run = async (job: { jobId: string; workspaceId: string; flowId: string }, swaps: Swaps, eventId?: string) =>
    deliverEvent(
      runJob,
      {
        type: 'com.uxflow.ai.job.requested.v1',
        data: { workspaceId: job.workspaceId, flowId: job.flowId, jobId: job.jobId },
        ...(eventId ? { id: eventId } : {}),
      },
      runtimeOf(runJob, swaps),
    );

  const close = async () => {
    const client = await base.use(chroma).client();
    for (const collection of await client.listCollections().catch(() => [])) {
      if (collection.name.startsWith(prefix)) await client.deleteCollection({ name: collection.name });
    }
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await kit.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  };
  return { ...kit, events, ledger, callWith, send, team, balance, newFlow, run, ports: base.use(aiPorts), close };
};

export type AiJobsKit = Awaited<ReturnType<typeof startAiJobsKit>>;
