import { ensureServices, serviceEnv, serviceStatus, stopServices } from '../services/index.ts';
import { run } from '../lib/run.ts';
import { migrate } from '../db/migrate.ts';
import { startFleet } from './fleet.ts';

/**
 * `npm run dev`: services up, indexes migrated, artifacts generated, functions bundled, the whole fleet served on
 * http://127.0.0.1:3000. Prints `ready: <url>` once /v1/health answers 200. Ctrl-C stops the
 * fleet and the services this run started (services that were already up keep running).
 */
const main = async () => {
  const wereDown = (await serviceStatus()).filter((s) => s.state === 'down').map((s) => s.name);
  const env: Record<string, string> = { ...serviceEnv(), MONGODB_DB: process.env.MONGODB_DB ?? 'uxflow_dev' };
  await ensureServices();
  await migrate(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', env.MONGODB_DB ?? 'uxflow_dev');
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
    if (wereDown.length > 0) console.log(`stopped services: ${(await stopServices({ only: wereDown })).join(', ')}`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
};

await main();
