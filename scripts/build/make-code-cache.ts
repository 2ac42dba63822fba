import { writeFileSync } from 'node:fs';
import { codeCachePath, runBundle } from '../../shared/platform/hosts/cold-start/code-cache.ts';

/**
 * Runs each bundle named on the command line once (registration only: configuration is parsed,
 * no client is created) and writes its V8 code cache, which then covers the functions that ran
 * at start too. Run by `npm run build` in a child process with APP_ENV=test.
 */
for (const bundleFile of process.argv.slice(2)) {
  const { script } = runBundle(bundleFile);
  writeFileSync(codeCachePath(bundleFile), script.createCachedData());
}
