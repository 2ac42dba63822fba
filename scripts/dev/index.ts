import { ensureServices, serviceEnv, serviceNames, serviceStatus, stopServices } from '../services/index.ts';
import { getService } from '../services/registry.ts';
import { seed } from '../knowledge/index.ts';
import { run } from '../lib/run.ts';
import { migrate } from '../db/migrate.ts';
import { blindIndexConfig } from '../../shared/infra/privacy/privacy-config.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import { startFleet } from './fleet.ts';

/**
 * `npm run dev`: services up, indexes migrated, artifacts generated, functions bundled, the whole fleet served on
 * http://127.0.0.1:3000. Prints `ready: <url>` once /v1/health answers 200. Ctrl-C stops the
 * fleet and the services this run started (services that were already up keep running).
 */
const main = async () => {
  const wereDown = (await serviceStatus()).filter((s) => s.state === 'down').map((s) => s.name);
  const env: Record<string, string> = { ...serviceEnv(), MONGODB_DB: process.env.MONGODB_DB ?? 'uxflow_dev' };
  const background = serviceNames.filter((name) => getService(name).background === true);
  await ensureServices({ only: serviceNames.filter((name) => !background.includes(name)) });
  const seeding = seedInBackground(env, background);
  const { PRIVACY_BLIND_INDEX_KEY } = loadConfig([blindIndexConfig], { APP_ENV: 'development', ...process.env });
  await migrate(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', env.MONGODB_DB ?? 'uxflow_dev', { blindIndexKey: PRIVACY_BLIND_INDEX_KEY });
  await run('npm', ['run', '-s', 'gen']);
  await run('npm', ['run', '-s', 'build']);
  const fleet = await startFleet({
    httpPort: 3000,
    brokerPort: 8088,
    env,
    log: (line) => console.log(line),
  });
  console.log(`ready: ${fleet.url}`);
  const shutdown = async () => {
    console.log('stopping the fleet…');
    await fleet.stop();
    await seeding;
    if (wereDown.length > 0) console.log(`stopped services: ${(await stopServices({ only: wereDown })).join(', ')}`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
};

/**
 * The embedder is slow to start and the global knowledge base slow to embed the first time: both
 * happen behind the fleet's back, and `ready` never waits for them. Failures are reported, not fatal.
 */
const seedInBackground = async (env: Record<string, string>, background: string[]): Promise<void> => {
  try {
    await ensureServices({ only: background });
    const report = await seed(env, (line) => console.log(`[knowledge] ${line}`));
    console.log(
      `[knowledge] global knowledge base: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.unchanged} unchanged`,
    );
  } catch (error) {
    console.log(
      `[knowledge] seeding the global knowledge base failed (run npm run knowledge -- seed): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

await main();
