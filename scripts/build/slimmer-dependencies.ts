import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

const require = createRequire(import.meta.url);
const zodLocalesDir = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'locales');

/**
 * Parse time is most of a cold start, so two large modules nobody calls are swapped out:
 * - zod's 40-odd message locales (~260 KB; @hono/zod-openapi hands the whole `z` namespace to a
 *   function, which defeats tree shaking). We only ever use English messages.
 * - `whatwg-url` (~280 KB of Unicode tables), which the MongoDB driver's connection-string parser
 *   imports for its `URL` class; Node's own `URL` implements the same WHATWG standard.
 */
export const slimmerDependencies: Plugin = {
  name: 'slimmer-dependencies',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'slim' } : undefined,
    );
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'slim' }));
    build.onLoad({ filter: /^zod-locales$/, namespace: 'slim' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(zodLocalesDir, 'en.js'))};`,
      resolveDir: zodLocalesDir,
      loader: 'js',
    }));
    build.onLoad({ filter: /^whatwg-url$/, namespace: 'slim' }, () => ({
      contents: 'export const URL = globalThis.URL; export const URLSearchParams = globalThis.URLSearchParams;',
      loader: 'js',
    }));
  },
};
