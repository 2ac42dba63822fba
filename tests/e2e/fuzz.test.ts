import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../scripts/dev/fleet.ts';
import { migrate } from '../../scripts/db/migrate.ts';
import { runFuzz } from '../../scripts/fuzz/run.ts';
import { seedFuzzAccount } from '../../scripts/fuzz/seed.ts';
import { run } from '../../scripts/lib/run.ts';
import { ensureServices } from '../../scripts/services/index.ts';

/**
 * The short contract fuzz of `npm test`: Schemathesis against openapi.yaml on a fleet of its own
 * (ports apart from the other e2e files and from `npm run fuzz`), a fixed seed and few examples per
 * operation. `npm run fuzz` is the long run of the same driver.
 */
const database = `uxflow_e2e_fuzz_${randomUUID().slice(0, 8)}`;
const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
let fleet: Fleet;
const fleetLog: string[] = [];
const fuzzOutput: string[] = [];

beforeAll(async () => {
  const env = await ensureServices();
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  await migrate(env.MONGODB_URI ?? mongoUri, database);
  fleet = await startFleet({
    httpPort: 3510,
    brokerPort: 8598,
    env: { ...env, MONGODB_DB: database, LOG_LEVEL: 'warn' },
    log: (line) => fleetLog.push(line),
  });
});

afterAll(async () => {
  await fleet?.stop();
  const mongo = new MongoClient(mongoUri);
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

describe('the contract under fuzzing', () => {
  it('should answer every fuzzed request without a server error and as the contract declares', { timeout: 900_000 }, async () => {
    const summary = await runFuzz({
      api: fleet.url,
      seed: await seedFuzzAccount(fleet.url),
      maxExamples: 1,
      hypothesisSeed: 17,
      phases: 'examples,fuzzing',
      output: (chunk) => fuzzOutput.push(chunk),
    });
    const findings = { server_errors: summary.server_errors, schema_violations: summary.schema_violations };
    // On a finding, Schemathesis's report (each failure with a curl command to replay it) and the
    // functions' error lines are the message.
    const detail = `${fuzzOutput.join('').slice(-20_000)}\n${fleetLog.filter((l) => /"level":"error"/.test(l)).join('\n')}`;
    expect(findings, detail).toEqual({ server_errors: 0, schema_violations: 0 });
    expect(summary.operations).toBeGreaterThan(100);
    expect(summary.requests).toBeGreaterThan(summary.operations);
  });
});
