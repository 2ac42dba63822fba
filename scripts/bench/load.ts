import { randomBytes } from 'node:crypto';
import { migrate } from '../db/migrate.ts';
import { startFleet, type Fleet } from '../dev/fleet.ts';
import { run } from '../lib/run.ts';
import { ensureServices } from '../services/index.ts';
import { runLoadBench, type LoadLine } from './load/bench.ts';
import { dropRunData } from './load/clean-up.ts';
import { freePort } from '../lib/free-port.ts';

/**
 * `npm run bench:load`: a mix that resembles use (sign-in and refresh, flow reads and writes with
 * If-Match, lint, templates, billing, AI jobs and knowledge on the offline provider) through the
 * local fleet at a fixed concurrency and request count, each route against GET /v1/health measured
 * in the same run. Starts a fleet of its own (a database and Chroma prefix of its own, dropped after)
 * unless `--url` names a running one. Prints a table on stderr and ONE JSON line on stdout; exits 1
 * on any 5xx or unanswered request. Options (defaults): --url, --concurrency 8, --requests 1000,
 * --users concurrency/2, --flows 2 (per user), --seed 17, --skip-build.
 */
const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const urlIndex = process.argv.indexOf('--url');
const url = urlIndex > 0 ? process.argv[urlIndex + 1] : undefined;
const concurrency = option('--concurrency', 8);
const requests = option('--requests', 1000);
const users = option('--users', Math.max(1, Math.ceil(concurrency / 2)));
const flowsPerUser = option('--flows', 2);
const seed = option('--seed', 17);
const log = (line: string) => console.error(`[bench:load] ${line}`);

/** Production limits, but out of reach of one load generator: the limiters still run (their Redis round trip is part of the cost). */
const unreachableLimits = {
  RATE_LIMIT_IP_MULTIPLIER: '1000',
  RATE_LIMIT_API_PER_MINUTE: 'free:1000000,basic:1000000,pro:1000000,enterprise:1000000',
  RATE_LIMIT_AI_PER_MINUTE: 'free:1000000,basic:1000000,pro:1000000,enterprise:1000000',
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
  RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
};

const ownFleet = async () => {
  const services = await ensureServices({ log: () => {} });
  if (!process.argv.includes('--skip-build')) await run('npm', ['run', '-s', 'build']);
  const id = randomBytes(4).toString('hex');
  const database = `uxflow_bench_load_${id}`;
  const env = {
    ...services,
    ...unreachableLimits,
    MONGODB_DB: database,
    KNOWLEDGE_COLLECTION_PREFIX: `bench-load-${id}`,
    LOG_LEVEL: 'warn',
  };
  await migrate(services.MONGODB_URI!, database);
  const lines: string[] = [];
  let fleet: Fleet | undefined;
  try {
    fleet = await startFleet({
      httpPort: await freePort(),
      brokerPort: await freePort(),
      env,
      // What explains a 5xx: the gateway's own complaints and the functions' error lines.
      log: (line) => {
        if (/^\[gateway\]|"level":"(error|fatal)"/.test(line) && lines.push(line) > 200) lines.shift();
      },
    });
  } catch (error) {
    await cleanUp(env, undefined);
    throw error;
  }
  return { url: fleet.url, lines, stop: () => cleanUp(env, fleet) };
};

const cleanUp = async (env: Record<string, string>, fleet: Fleet | undefined) => {
  await fleet?.stop();
  await dropRunData(env);
};

const printTable = (line: LoadLine) => {
  console.error(
    `${'route'.padEnd(24)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  p95×health  errors  412`,
  );
  for (const [route, f] of Object.entries(line.routes)) {
    console.error(
      `${route.padEnd(24)} ${String(f.requests).padStart(8)} ${String(f.rps).padStart(7)} ${String(f.p50_ms).padStart(7)} ${String(f.p95_ms).padStart(7)} ${String(f.p99_ms).padStart(7)}  ${String(f.p95_ratio ?? '-').padStart(10)}  ${String(f.error_rate).padStart(6)}  ${f.conflicts}`,
    );
  }
};

const main = async () => {
  const fleet = url ? { url, lines: [] as string[], stop: async () => {} } : await ownFleet();
  let failed = true;
  try {
    log(url ? `against ${url}` : `own fleet at ${fleet.url}`);
    const { line, statuses } = await runLoadBench({ url: fleet.url, concurrency, requests, users, flowsPerUser, seed, log });
    printTable(line);
    failed = line.server_errors > 0 || line.unanswered > 0;
    if (failed || line.errors > 0) {
      log(`statuses per route: ${JSON.stringify(statuses)}`);
      for (const entry of fleet.lines) log(`fleet: ${entry}`);
    }
    console.log(JSON.stringify(line));
  } finally {
    await fleet.stop();
  }
  process.exitCode = failed ? 1 : 0;
};

await main();
