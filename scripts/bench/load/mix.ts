import type { Driver } from './driver.ts';
import { knowledgeQuestions, type Worker } from './seed.ts';

/**
 * What one client does next, with its weight: reads dominate, as in an editor session (open a flow,
 * lint it, look at the credits), writes are a quarter of flow traffic, sign-ins are rare (argon2id
 * is slow on purpose), AI and knowledge calls a few percent. `ops-health` is not drawn: every
 * client's first action and every tenth after it is GET /v1/health (`healthEvery`), so the
 * baseline is always measured, under the same load at the same time.
 */
export const mixWeights = {
  me: 5,
  login: 2,
  refresh: 5,
  flowList: 5,
  flowGet: 20,
  flowWrite: 12,
  lint: 8,
  templates: 5,
  billing: 5,
  plans: 2,
  aiMessage: 2,
  knowledgeSearch: 3,
  knowledgeQuery: 2,
} as const;

export const healthEvery = 10;

export type Action = keyof typeof mixWeights | 'health';

/** A deterministic stream of actions (mulberry32): the same seed gives the same mix. */
export const actionPicker = (seed: number, weights: Partial<Record<Action, number>> = mixWeights) => {
  const entries = Object.entries(weights) as [Action, number][];
  let drawn = 0;
  const sum = entries.reduce((total, [, weight]) => total + weight, 0);
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    next: (): Action => {
      if (drawn++ % healthEvery === 0) return 'health';
      let draw = random() * sum;
      for (const [action, weight] of entries) {
        draw -= weight;
        if (draw < 0) return action;
      }
      return entries[entries.length - 1]![0];
    },
  };
};

/** The AI job's turnaround (accepted → done, through the long-poll), apart from the per-request figures. */
export interface JobOutcome {
  ms: number;
  status: string;
}

const etagOf = (headers: Record<string, string | string[] | undefined>) => {
  const value = headers.etag;
  return typeof value === 'string' ? value : undefined;
};

/** Runs one action for `worker`; every request it sends is recorded under its function's name. */
export const runAction = async (
  driver: Driver,
  worker: Worker,
  action: Action,
  random: () => number,
  jobs: JobOutcome[],
): Promise<void> => {
  const { user } = worker;
  const headers = () => ({ authorization: `Bearer ${worker.accessToken}`, 'x-forwarded-for': worker.address });
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const flow = pick(user.flows);
  const readFlow = async (flowId: string) => {
    const answer = await driver.call('flows-get', `/v1/flows/${flowId}`, { headers: headers() });
    const etag = etagOf(answer.headers);
    if (answer.status === 200 && etag) worker.etags.set(flowId, etag);
  };
  switch (action) {
    case 'health':
      await driver.call('ops-health', '/v1/health', { headers: { 'x-forwarded-for': worker.address } });
      return;
    case 'me':
      await driver.call('identity-me', '/v1/me', { headers: headers() });
      return;
    case 'login':
    case 'refresh': {
      const answer =
        action === 'login'
          ? await driver.call('identity-login', '/v1/auth/login', {
              method: 'POST',
              headers: { 'x-forwarded-for': worker.address },
              body: { email: user.email, password: user.password, refreshTokenIn: 'body' },
            })
          : await driver.call('identity-refresh', '/v1/auth/refresh', {
              method: 'POST',
              headers: { 'x-forwarded-for': worker.address },
              body: { refreshToken: worker.refreshToken },
            });
      if (answer.status === 200) {
        const tokens = answer.json<{ accessToken: string; refreshToken?: string }>();
        worker.accessToken = tokens.accessToken;
        if (tokens.refreshToken) worker.refreshToken = tokens.refreshToken;
      }
      return;
    }
    case 'flowList':
      await driver.call('flows-list', `/v1/workspaces/${user.workspaceId}/flows`, { headers: headers() });
      return;
    case 'flowGet':
      await readFlow(flow.id);
      return;
    case 'flowWrite': {
      // An editor writes on top of what it last read; without a version in hand it reads first.
      if (!worker.etags.has(flow.id)) await readFlow(flow.id);
      const ifMatch = worker.etags.get(flow.id);
      if (!ifMatch) return;
      const position = { x: Math.round(random() * 2000), y: Math.round(random() * 2000) };
      const answer = await driver.call('flows-apply-operations', `/v1/flows/${flow.id}/operations`, {
        method: 'POST',
        headers: { ...headers(), 'if-match': ifMatch },
        body: { operations: [{ type: 'UPDATE_NODE', id: flow.nodeId, changes: { position } }] },
      });
      const etag = etagOf(answer.headers);
      if (answer.status === 200 && etag) worker.etags.set(flow.id, etag);
      // Someone else wrote first: read the flow again, as the editor would before retrying.
      if (answer.status === 412) worker.etags.delete(flow.id);
      return;
    }
    case 'lint':
      await driver.call('flows-lint', `/v1/flows/${flow.id}/lint`, { headers: headers() });
      return;
    case 'templates':
      await driver.call('flows-list-templates', '/v1/templates', { headers: { 'x-forwarded-for': worker.address } });
      return;
    case 'billing':
      await driver.call('billing-get', `/v1/workspaces/${user.workspaceId}/billing`, { headers: headers() });
      return;
    case 'plans':
      await driver.call('billing-list-plans', '/v1/billing/plans', { headers: { 'x-forwarded-for': worker.address } });
      return;
    case 'aiMessage':
      await aiMessage(driver, worker, headers, jobs);
      return;
    case 'knowledgeSearch':
    case 'knowledgeQuery': {
      const route = action === 'knowledgeSearch' ? 'knowledge-search' : 'knowledge-query';
      await driver.call(route, `/v1/workspaces/${user.workspaceId}/knowledge/${action === 'knowledgeSearch' ? 'search' : 'query'}`, {
        method: 'POST',
        headers: headers(),
        body: { question: pick(knowledgeQuestions), scope: 'workspace', k: 5 },
      });
      return;
    }
  }
};

/** A change asked of the AI, then its job followed by long-poll (`after` the last step seen) to the end. */
const aiMessage = async (driver: Driver, worker: Worker, headers: () => Record<string, string>, jobs: JobOutcome[]) => {
  const started = performance.now();
  const sent = await driver.call('ai-send-message', `/v1/flows/${worker.user.aiFlowId}/ai/messages`, {
    method: 'POST',
    headers: headers(),
    body: { message: 'Rename "Your cart" to "Your basket"' },
  });
  if (sent.status !== 202) return;
  const { jobId } = sent.json<{ jobId: string }>();
  let after = 0;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const polled = await driver.call('ai-get-job', `/v1/ai/jobs/${jobId}?wait=10&after=${after}`, { headers: headers() });
    if (polled.status !== 200) break;
    const job = polled.json<{ status: string; lastSeq: number }>();
    after = job.lastSeq;
    if (job.status === 'done' || job.status === 'failed') {
      jobs.push({ ms: performance.now() - started, status: job.status });
      return;
    }
  }
  jobs.push({ ms: performance.now() - started, status: 'unfinished' });
};
