import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { startFleet } from '../dev/fleet.ts';
import { migrate } from '../db/migrate.ts';
import { run } from '../lib/run.ts';
import { ensureServices } from '../services/index.ts';
import { logFile } from '../services/paths.ts';
import { runFuzz } from './run.ts';
import { seedFuzzAccount } from './seed.ts';

// `npm run fuzz [-- --max-examples N --seed N --phases …]`: a fleet of its own on its own ports and
// database, a seeded account, Schemathesis against the contract; one JSON line, exit 1 on findings.
const { values } = parseArgs({
  options: {
    'max-examples': { type: 'string', default: '100' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    phases: { type: 'string', default: 'examples,coverage,fuzzing,stateful' },
    'max-time': { type: 'string' },
    'http-port': { type: 'string', default: '3500' },
    'broker-port': { type: 'string', default: '8588' },
    'skip-build': { type: 'boolean', default: false },
  },
});

const env = await ensureServices();
if (!values['skip-build']) await run('npm', ['run', '-s', 'build']);
const mongoUri = env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const database = `uxflow_fuzz_${randomUUID().slice(0, 8)}`;
await migrate(mongoUri, database);
// The functions' own logs (a 500's stack is there), apart from the JSON line on stdout.
const fleetLog = logFile('fuzz-fleet');
const fleet = await startFleet({
  httpPort: Number(values['http-port']),
  brokerPort: Number(values['broker-port']),
  env: { ...env, MONGODB_DB: database, LOG_LEVEL: 'warn' },
  log: (line) => appendFileSync(fleetLog, `${line}\n`),
});
const cleanUp = async () => {
  await fleet.stop();
  const mongo = new MongoClient(mongoUri);
  await mongo.db(database).dropDatabase();
  await mongo.close();
};
// Ctrl-C stops the fleet's processes and drops the run's database as a finished run does.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
const started = Date.now();
let exitCode = 1;
try {
  const summary = await runFuzz({
    api: fleet.url,
    seed: await seedFuzzAccount(fleet.url),
    maxExamples: Number(values['max-examples']),
    hypothesisSeed: Number(values.seed),
    phases: values.phases,
    ...(values['max-time'] === undefined ? {} : { maxTimeSeconds: Number(values['max-time']) }),
    output: (chunk) => process.stderr.write(chunk),
  });
  console.error(`fuzz: the functions' logs are in ${fleetLog}`);
  console.error(`fuzz: seed ${values.seed}, ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(JSON.stringify(summary));
  exitCode = summary.server_errors > 0 || summary.schema_violations > 0 ? 1 : 0;
} finally {
  await cleanUp();
}
process.exit(exitCode);
