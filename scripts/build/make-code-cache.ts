import { rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { codeCachePath, runBundle } from '../../shared/platform/hosts/cold-start/code-cache.ts';

const require = createRequire(import.meta.url);
const { getTestServer } = require('@google-cloud/functions-framework/testing') as { getTestServer: (name: string) => Server };

/**
 * One request no route matches, answered 404 by the function's own pipeline (bridge, Hono's router,
 * the middleware every request passes, problem+json): the code a first request runs is then compiled
 * when the cache is written, and no route, guard, limiter or service is reached.
 */
const warmUp = async (name: string) => {
  const server = getTestServer(name).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/_code-cache-warm-up`);
  await response.arrayBuffer();
  await new Promise((resolve) => server.close(resolve));
};

/**
 * Runs each bundle named on the command line (`http:<file>` or `event:<file>`) once — registration,
 * then for HTTP functions one unmatched request — and writes its V8 code cache, which then covers
 * the functions that ran at start and on that request. Run by `npm run build` in a child process
 * with APP_ENV=test. Exits itself: the runtimes it made may still be trying to reach their database.
 */
for (const argument of process.argv.slice(2)) {
  const [kind, bundleFile] = argument.split(/:(.*)/s) as [string, string];
  // A cache left by an earlier build is for other code: compile from source, without its warning.
  rmSync(codeCachePath(bundleFile), { force: true });
  const { script } = runBundle(bundleFile);
  if (kind === 'http') await warmUp(path.basename(bundleFile, '.bundle.cjs'));
  writeFileSync(codeCachePath(bundleFile), script.createCachedData());
}
process.exit(0);
