import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../scripts/chaos/fault-proxy.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { createMongoClient } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { toProblem } from '../../../shared/platform/http/problem.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let proxy: FaultProxy;

beforeAll(async () => {
  const { MONGODB_URI } = await ensureServices({ only: ['mongodb'] });
  const { hostname, port } = new URL(MONGODB_URI!.replace(/^mongodb:/, 'http:'));
  proxy = await startFaultProxy({ host: hostname, port: Number(port) });
}, servicesHookTimeoutMs);
afterAll(() => proxy.close());

const ping = (client: ReturnType<typeof createMongoClient>) =>
  client
    .db('admin')
    .command({ ping: 1 })
    .then(
      () => 'ok',
      (error: unknown) => toProblem(error).problem.code,
    );

describe('the MongoDB client of an instance', () => {
  it('should answer 503 while the database is unreachable at its first connect, then reconnect by itself once it is back', async () => {
    proxy.set('down');
    const client = createMongoClient(`mongodb://127.0.0.1:${proxy.port}`, 2);
    try {
      expect(await ping(client)).toBe('DEPENDENCY_UNAVAILABLE');
      // The driver's own behaviour: the failed connect closed its topology; later operations fail at once.
      expect(await ping(client)).toBe('DEPENDENCY_UNAVAILABLE');
      proxy.set('up');
      const deadline = Date.now() + 10_000;
      let outcome = await ping(client);
      while (outcome !== 'ok' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        outcome = await ping(client);
      }
      expect(outcome).toBe('ok');
    } finally {
      await client.close();
    }
  }, 30_000);

  it('should stay closed once closed on purpose', async () => {
    const client = createMongoClient(`mongodb://127.0.0.1:${proxy.port}`, 2);
    expect(await ping(client)).toBe('ok');
    const before = proxy.accepted();
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(proxy.accepted()).toBe(before);
  }, 30_000);
});
