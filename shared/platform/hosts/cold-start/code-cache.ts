import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Where the V8 code cache of a bundle lives: beside it, produced by `npm run build`. */
export const codeCachePath = (bundleFile: string) => `${bundleFile}.v8cache`;

/** The warning a process prints when V8 refuses a bundle's cache (it still runs, only slower). */
export const codeCacheRejectedCode = 'UXFLOW_CODE_CACHE_REJECTED';

/**
 * Compiles and runs a CommonJS bundle with the V8 code cache made for it at build time, so a cold
 * instance skips most parse and compile work. A stale cache (another Node version, other V8 flags,
 * changed source) is rejected by V8 and the bundle compiles normally, with a process warning that
 * says so: nothing else would show that every start has become slower. Returns the script, so the
 * build can write a fresh cache after running it once.
 */
export const runBundle = (bundleFile: string): { script: vm.Script; isCacheUsed: boolean; exports: unknown } => {
  const cacheFile = codeCachePath(bundleFile);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // No dynamic import() in here: the build turns them into require() (see knativeCodeOptions).
  const script = new vm.Script(Module.wrap(readFileSync(bundleFile, 'utf8')), { filename: bundleFile, cachedData });
  if (cachedData && script.cachedDataRejected) {
    process.emitWarning(`V8 rejected the code cache of ${path.basename(bundleFile)} (another Node version or other V8 flags)`, {
      code: codeCacheRejectedCode,
    });
  }
  const bundleModule = { exports: {} as unknown, filename: bundleFile, id: bundleFile, loaded: false };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundleModule.exports, createRequire(bundleFile), bundleModule, bundleFile, path.dirname(bundleFile));
  bundleModule.loaded = true;
  return { script, isCacheUsed: cachedData !== undefined && !script.cachedDataRejected, exports: bundleModule.exports };
};
