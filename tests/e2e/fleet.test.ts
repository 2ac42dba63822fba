import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../scripts/dev/fleet.ts';
import { run } from '../../scripts/lib/run.ts';
import { migrate } from '../../scripts/db/migrate.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { createUxFlowClient } from '../../clients/typescript/index.ts';
import { specViolations } from '../contract/openapi-spec.ts';
import { runFirstMinutes } from './readme-first-minutes.ts';
import { findLeaks, newSeenSecrets, rememberCookies } from './secret-scan.ts';

/** The whole fleet over HTTP, as a client sees it, on ports apart from `npm run dev`'s. */
const database = `uxflow_e2e_${randomUUID().slice(0, 8)}`;
let fleet: Fleet;
let mongo: MongoClient;
const fleetLog: string[] = [];

beforeAll(async () => {
  const env = await ensureServices();
  // `npm test` has just built the bundles; a standalone run builds them itself.
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  await migrate(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', database);
  fleet = await startFleet({
    httpPort: 3100,
    brokerPort: 8188,
    env: { ...env, MONGODB_DB: database, LOG_LEVEL: 'info' },
    log: (line) => fleetLog.push(line),
  });
  mongo = new MongoClient(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
});

afterAll(async () => {
  await fleet?.stop();
  await mongo?.db(database).dropDatabase();
  await mongo?.close();
});

/** Fires a cron function now with the tick its PingSource would send; the function's status. */
const fireCron = (name: string) => fleet.fireCron(name);

const waitFor = async <T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T | null> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
};

describe('the local fleet', () => {
  it('should answer 200 when GET /v1/health', async () => {
    const response = await fetch(`${fleet.url}/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('should answer 200 with every dependency ok when GET /v1/health/dependencies', async () => {
    const response = await fetch(`${fleet.url}/v1/health/dependencies`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; dependencies: { name: string; ok: boolean; latencyMs: number }[] };
    expect(body.status).toBe('ok');
    expect(body.dependencies.map((d) => d.name).sort()).toEqual(['chroma', 'mongodb', 'redis', 'stripe']);
    expect(body.dependencies.every((d) => d.ok && d.latencyMs >= 0)).toBe(true);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(
      specViolations('GET', '/v1/health/dependencies', { status: 200, contentType: response.headers.get('content-type') ?? '', body }),
    ).toEqual([]);
  });

  it('should answer problem+json 404 when the route does not exist', async () => {
    const response = await fetch(`${fleet.url}/v1/no-such-thing/42`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });

  it('should answer problem+json 431 when the request line and headers exceed 16 KB', async () => {
    const response = await fetch(`${fleet.url}/v1/health?padding=${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
  });

  it('should refuse a body that is not a CloudEvent at an event endpoint, as the Functions Framework does in production', async () => {
    const response = await fetch(`${fleet.url}/_events/ops-record-heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not":"an event"}',
    });
    // An error status makes the Broker retry and then dead-letter the delivery.
    expect(response.status).toBe(500);
    expect(response.headers.get('x-google-status')).toBe('error');
  });

  it('should publish the signing keys at /.well-known/jwks.json with CDN caching', async () => {
    const response = await fetch(`${fleet.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=');
    const body = (await response.json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(body.keys.length).toBeGreaterThanOrEqual(1);
    expect(body.keys.every((k) => k.kty === 'EC' && k.alg === 'ES256' && k.d === undefined)).toBe(true);
  });

  it('should schedule every cron function when the fleet starts', () => {
    expect(fleetLog).toContain('[scheduler] scheduled ops-heartbeat: */5 * * * * (UTC)');
  });

  it('should store the heartbeat through the local broker when the cron function fires', async () => {
    const tickId = `e2e-${randomUUID()}`;
    // A tick now, as the fleet's scheduler sends it (binary mode, the `job` extension, an empty JSON body).
    const invoke = await fetch(`${fleet.url}/_events/ops-heartbeat`, {
      method: 'POST',
      body: '',
      headers: {
        'content-type': 'application/json',
        'ce-specversion': '1.0',
        'ce-id': tickId,
        'ce-type': 'dev.knative.sources.ping',
        'ce-source': '/apis/v1/namespaces/uxflow/pingsources/ops-heartbeat',
        'ce-time': new Date().toISOString(),
        'ce-job': 'ops-heartbeat',
      },
    });
    expect(invoke.status).toBe(204);
    const stored = await waitFor(() => mongo.db(database).collection('ops_heartbeats').findOne({ tickId }), 20_000);
    expect(stored).toMatchObject({ _id: `heartbeat-${tickId}`, job: 'ops-heartbeat', tickId });
  });
});

/** Identity calls whose secrets must never reach a log line; the last test greps the fleet's whole output. */
describe('identity over the fleet, and what its logs reveal', () => {
  const seen = newSeenSecrets();
  const email = `e2e-${randomUUID()}@example.com`;
  const password = `e2e passphrase ${randomUUID()}`;
  seen.password.add(password);
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fleet.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50', ...headers },
      body: JSON.stringify(body),
    });
    rememberCookies(seen, response);
    const text = await response.text();
    return { response, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const remember = (body: Record<string, unknown>) => {
    if (typeof body.accessToken === 'string') seen.accessToken.add(body.accessToken);
    if (typeof body.refreshToken === 'string') seen.refreshToken.add(body.refreshToken);
    return body;
  };
  let accessToken = '';

  it('should register, log in and rotate refresh tokens (cookie and body) with RateLimit headers', async () => {
    const registered = await post('/v1/auth/register', { email, password, name: 'E2E', refreshTokenIn: 'body' });
    expect(registered.response.status).toBe(201);
    expect(registered.response.headers.get('ratelimit-limit')).toBe('500');
    remember(registered.body);
    const wrong = await post('/v1/auth/login', { email, password: `${password}!` });
    expect(wrong.response.status).toBe(401);
    const login = await post('/v1/auth/login', { email, password });
    expect(login.response.status).toBe(200);
    accessToken = remember(login.body).accessToken as string;
    const cookies = Object.fromEntries(
      login.response.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=') as [string, string]),
    );
    const csrf = cookies['__Secure-uxf_csrf']!;
    const cookie = `__Secure-uxf_refresh=${cookies['__Secure-uxf_refresh']}; __Secure-uxf_csrf=${csrf}`;
    const byCookie = await post('/v1/auth/refresh', {}, { cookie, 'x-csrf-token': csrf });
    expect(byCookie.response.status).toBe(200);
    remember(byCookie.body);
    const byBody = await post('/v1/auth/refresh', { refreshToken: registered.body.refreshToken });
    expect(byBody.response.status).toBe(200);
    remember(byBody.body);
  });

  it('should record an API key used where keys are not accepted as a security event, and publish it', async () => {
    const userId = (
      (await (await fetch(`${fleet.url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { id: string }
    ).id;
    const membership = await mongo.db(database).collection('workspace_members').findOne({ userId });
    const created = await post(
      `/v1/workspaces/${String(membership!.workspaceId)}/api-keys`,
      { name: 'e2e', permissions: ['flows:read'] },
      { authorization: `Bearer ${accessToken}` },
    );
    expect(created.response.status).toBe(201);
    const key = created.body.key as string;
    seen.apiKey.add(key);
    const misuse = await fetch(`${fleet.url}/v1/me`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.51' } });
    expect(misuse.status).toBe(401);
    const events = mongo.db(database).collection('security_events');
    expect(await events.findOne({ type: 'api_key_misuse', ip: '203.0.113.51' })).toMatchObject({
      details: { reason: 'API_KEY_NOT_ACCEPTED' },
    });
    // Identical refusals are one event per minute, published once that minute has closed.
    const stored = await events.findOne({ type: 'api_key_misuse', ip: '203.0.113.51' });
    const publishAfter = stored?.['publishAfter'] instanceof Date ? stored['publishAfter'].getTime() : Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, publishAfter - Date.now() + 250)));
    expect(await fireCron('security-publish-events')).toBe(204);
    const published = await waitFor(() => events.findOne({ type: 'api_key_misuse', ip: '203.0.113.51', published: true }), 20_000);
    expect(published).not.toBeNull();
  });

  // The typed client (clients/typescript): a contract change that breaks its callers breaks the typecheck here.
  const api = () => createUxFlowClient({ baseUrl: fleet.url, token: () => accessToken, fetch: (request) => fetch(request) });
  const firstWorkspaceId = async () => {
    const { data } = await api().GET('/v1/workspaces');
    return data!.items[0]!.id;
  };

  it('should create a flow from a template, lay it out, export it as SVG and publish its events', async () => {
    const created = await api().POST('/v1/workspaces/{workspaceId}/flows', {
      params: { path: { workspaceId: await firstWorkspaceId() } },
      body: { name: 'E2E checkout', templateId: 'builtin-checkout' },
    });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('etag')).toBe('"v1"');
    const flowId = created.data!.id;
    const laidOut = await api().POST('/v1/flows/{flowId}/operations', {
      params: { path: { flowId }, header: { 'if-match': '"v1"' } },
      body: { operations: [{ type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }] },
    });
    expect({ status: laidOut.response.status, version: laidOut.data?.version }).toEqual({ status: 200, version: 2 });
    const svg = await api().GET('/v1/flows/{flowId}/export', { params: { path: { flowId }, query: { format: 'svg' } }, parseAs: 'text' });
    expect(svg.response.status).toBe(200);
    expect(svg.response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.data).toMatch(/^<\?xml[\s\S]*<svg [\s\S]*<\/svg>\s*$/);
    expect(await fireCron('flows-publish-events')).toBe(204);
    const versions = mongo.db(database).collection('flow_versions');
    const published = await waitFor(async () => ((await versions.countDocuments({ flowId, published: true })) === 2 ? true : null), 20_000);
    expect(published).toBe(true);
  });

  it('should turn a chat message into a proposal through the broker and apply it as a new version', async () => {
    const created = await api().POST('/v1/workspaces/{workspaceId}/flows', {
      params: { path: { workspaceId: await firstWorkspaceId() } },
      body: { name: 'E2E AI', templateId: 'builtin-checkout' },
    });
    const flowId = created.data!.id;
    const sent = await api().POST('/v1/flows/{flowId}/ai/messages', {
      params: { path: { flowId } },
      body: { message: 'Rename "Your cart" to "Your basket"' },
    });
    expect({ status: sent.response.status, operation: sent.data?.operation }).toEqual({ status: 202, operation: 'ai.plan' });
    const jobId = sent.data!.jobId;
    expect(sent.response.headers.get('location')).toBe(`/v1/ai/jobs/${jobId}`);
    // The broker delivers the job event to the runner; the long-poll answers when it is done.
    const job = await waitFor(async () => {
      const { data } = await api().GET('/v1/ai/jobs/{jobId}', { params: { path: { jobId }, query: { wait: 10 } } });
      return data?.status === 'done' || data?.status === 'failed' ? data : null;
    }, 60_000);
    expect(job?.status).toBe('done');
    const proposalId = (job!.result as { proposalId: string }).proposalId;
    const applied = await api().POST('/v1/flows/{flowId}/ai/proposals/{proposalId}/apply', {
      params: { path: { flowId, proposalId }, header: { 'if-match': '"v1"' } },
      body: {},
    });
    expect({ status: applied.response.status, etag: applied.response.headers.get('etag') }).toEqual({ status: 200, etag: '"v2"' });
    const flow = await api().GET('/v1/flows/{flowId}', { params: { path: { flowId } } });
    const titles = flow.data!.document.nodes.map((node) => node.title);
    expect({ basket: titles.includes('Your basket'), cart: titles.includes('Your cart') }).toEqual({ basket: true, cart: false });
  });

  it('should log no password, access token, refresh token, API key or cookie value', async () => {
    // Give the fleet a moment to flush the lines of the last requests.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fleetLog.some((line) => line.includes('"message":"request"'))).toBe(true);
    expect(Object.values(seen).every((values) => values.size > 0)).toBe(true);
    expect(findLeaks(fleetLog, seen)).toEqual([]);
  });
});

describe("the README's first five minutes", () => {
  it('should sign up, create a flow from a template, change it with If-Match and export it, as printed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'uxflow-readme-'));
    try {
      const { code, stdout, stderr } = await runFirstMinutes(fleet.url, dir);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^flow flw_\w+$/);
      expect(lines.slice(1, 3)).toEqual(['2', 'wrote checkout.svg']);
      expect(lines[3]).toBe('flowchart TD');
      expect(await readFile(path.join(dir, 'checkout.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<svg [\s\S]*<\/svg>\s*$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
