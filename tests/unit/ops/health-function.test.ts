import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dependencies from '../../../functions/ops/dependencies.ts';
import health from '../../../functions/ops/health.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

/**
 * What one public request costs the dependencies. Every HTTP dependency (Stripe, the Upstash REST
 * endpoint, Chroma) points at one listener that counts the paths it is asked for.
 */
let listener: Server;
const asked: string[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  listener = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => listener.once('listening', resolve));
  const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  env = {
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200',
    MONGODB_DB: 'health_unit',
    UPSTASH_REDIS_REST_URL: base,
    UPSTASH_REDIS_REST_TOKEN: 'unit-token',
    CHROMA_URL: base,
    STRIPE_SECRET_KEY: 'sk_test_unit',
    STRIPE_API_BASE: base,
  };
});
afterAll(() => new Promise((resolve) => listener.close(resolve)));

const stripeCalls = () => asked.filter((path) => path.startsWith('/v1/balance')).length;

describe('GET /v1/health', () => {
  it('should answer 200 without asking any dependency when called repeatedly', async () => {
    const runtime = createRuntime(health, env);
    const app = createHttpApp(health, runtime);
    asked.length = 0;
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await app.request('/v1/health')).status);
    await runtime.close();
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(asked).toEqual([]);
  });
});

describe('GET /v1/health/dependencies', () => {
  it('should ask Stripe once for any number of requests within the cache window', async () => {
    const runtime = createRuntime(dependencies, env);
    const app = createHttpApp(dependencies, runtime);
    asked.length = 0;
    const responses = await Promise.all(Array.from({ length: 5 }, async () => app.request('/v1/health/dependencies')));
    const later = await app.request('/v1/health/dependencies');
    await runtime.close();
    // MongoDB is unreachable here: degraded, 503, and reported by name.
    expect([...responses, later].map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 503]);
    const body = (await later.json()) as { dependencies: { name: string; ok: boolean }[] };
    expect(body.dependencies.map((d) => [d.name, d.ok])).toEqual([
      ['mongodb', false],
      ['redis', true],
      ['chroma', true],
      ['stripe', true],
    ]);
    expect(stripeCalls()).toBe(1);
  });
});
