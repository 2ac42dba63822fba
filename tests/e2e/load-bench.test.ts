import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../scripts/db/migrate.ts';
import { startFleet, type Fleet } from '../../scripts/dev/fleet.ts';
import { fromRoot } from '../../scripts/lib/paths.ts';
import { run } from '../../scripts/lib/run.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { dropRunData } from '../../scripts/bench/load/clean-up.ts';
import { testDatabase } from '../support/auth-test-env.ts';

/** `npm run bench:load -- --url` for a few dozen requests against a fleet of this file's own (ports apart from the others). */
const database = testDatabase('e2e_load_bench');
const prefix = `e2e-load-${randomUUID().slice(0, 8)}`;
let fleet: Fleet;
let env: Record<string, string>;

beforeAll(async () => {
  env = await ensureServices();
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  await migrate(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', database);
  fleet = await startFleet({
    httpPort: 3800,
    brokerPort: 8888,
    env: { ...env, MONGODB_DB: database, KNOWLEDGE_COLLECTION_PREFIX: prefix },
    log: () => {},
  });
});

afterAll(async () => {
  await fleet?.stop();
  await dropRunData({ ...env, MONGODB_DB: database, KNOWLEDGE_COLLECTION_PREFIX: prefix });
});

const runBench = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [fromRoot('scripts/run.mjs'), fromRoot('scripts/bench/load.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

const routeShape = {
  requests: expect.any(Number),
  rps: expect.any(Number),
  p50_ms: expect.any(Number),
  p95_ms: expect.any(Number),
  p99_ms: expect.any(Number),
  error_rate: expect.any(Number),
  conflicts: expect.any(Number),
  server_errors: 0,
};

describe('npm run bench:load', () => {
  it('should seed through the API, run the mix and print one JSON line with per-route figures and no 5xx', async () => {
    const { code, stdout, stderr } = await runBench([
      '--url',
      fleet.url,
      '--requests',
      '40',
      '--concurrency',
      '4',
      '--users',
      '2',
      '--flows',
      '1',
    ]);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { routes: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    expect(line).toMatchObject({
      bench: 'load',
      concurrency: 4,
      baseline: 'ops-health',
      server_errors: 0,
      unanswered: 0,
      ai_jobs: { jobs: expect.any(Number), done: expect.any(Number) },
    });
    expect(line.requests).toBeGreaterThanOrEqual(40);
    expect(line.routes['ops-health']).toMatchObject({ ...routeShape, p50_ratio: 1, p95_ratio: 1, p99_ratio: 1 });
    for (const figures of Object.values(line.routes)) {
      expect(figures).toMatchObject({ ...routeShape, p95_ratio: expect.any(Number) });
    }
    expect(Object.keys(line.routes).length).toBeGreaterThan(3);
    // Seeding waits for a knowledge document's ingestion, and the warm-up starts about fifteen function processes.
  }, 300_000);
});
