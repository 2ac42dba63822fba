import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

const require = createRequire(import.meta.url);
const zodLocalesDir = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'locales');
const mongodbDir = path.dirname(require.resolve('mongodb/package.json'));
const insidePackage = (name: string) => `${path.sep}node_modules${path.sep}${name}${path.sep}`;
const insideMongodb = insidePackage('mongodb');

/**
 * Node built-ins that packages require at load but use only for some calls, by package:
 * - the MongoDB driver: TLS (an encrypted connection), zlib (wire compression), dns (SRV and CNAME
 *   look-ups), http, child_process and fs/promises (cloud and KMS credentials, mongocryptd);
 * - the CloudEvents SDK: http and https, for its own HTTP emitter, which we never use (the broker
 *   publisher posts with `shared/infra/http-send.ts`); it only formats events.
 * Node 24 takes ~10-50 ms to load `tls` alone (its WebCrypto and secure-context set-up; `https`
 * loads it), which a bare framework never pays.
 */
const lazyBuiltinsOf: Readonly<Record<string, readonly string[]>> = {
  mongodb: ['tls', 'zlib', 'dns', 'http', 'child_process', 'fs/promises'],
  cloudevents: ['http', 'https'],
};
const lazyBuiltins = [...new Set(Object.values(lazyBuiltinsOf).flat())];
const lazyBuiltinFilter = new RegExp(`^(?:node:)?(?:${lazyBuiltins.map((name) => name.replace('/', '\\/')).join('|')})$`);
const isLazyFor = (importer: string, builtin: string) =>
  Object.entries(lazyBuiltinsOf).some(([pkg, names]) => names.includes(builtin) && importer.includes(insidePackage(pkg)));

/**
 * A stand-in that requires the real module on first touch and then behaves as it does. A built-in
 * is no ES module: asking for `__esModule` (TypeScript's `__importDefault` does, at load) answers
 * that without loading it.
 */
const lazyBuiltinSource = (name: string) => `let real;
const load = () => (real ??= process.getBuiltinModule(${JSON.stringify(`node:${name}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});
`;

/**
 * Parse time is most of a cold start, so two large modules nobody calls are swapped out:
 * - zod's 40-odd message locales (~260 KB; @hono/zod-openapi hands the whole `z` namespace to a
 *   function, which defeats tree shaking). We only ever use English messages.
 * - `whatwg-url` (~280 KB of Unicode tables), which the MongoDB driver's connection-string parser
 *   imports for its `URL` class; Node's own `URL` implements the same WHATWG standard.
 * And one is deferred: `@mongodb-js/saslprep`, which the driver requires at start for SCRAM-SHA-256
 * and which inflates its Unicode tables as it loads, is required on its first call instead (only
 * a password login to the database calls it; the local server has none).
 */
export const slimmerDependencies: Plugin = {
  name: 'slimmer-dependencies',
  setup(build) {
    build.onResolve({ filter: lazyBuiltinFilter }, (args) => {
      const builtin = args.path.replace(/^node:/, '');
      return args.namespace !== 'slim' && isLazyFor(args.importer, builtin)
        ? { path: `lazy-builtin:${builtin}`, namespace: 'slim' }
        : undefined;
    });
    build.onLoad({ filter: /^lazy-builtin:/, namespace: 'slim' }, (args) => ({
      contents: lazyBuiltinSource(args.path.slice('lazy-builtin:'.length)),
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'slim' } : undefined,
    );
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'slim' }));
    build.onResolve({ filter: /^@mongodb-js\/saslprep$/ }, (args) =>
      args.namespace !== 'slim' && args.importer.includes(insideMongodb) ? { path: 'lazy-saslprep', namespace: 'slim' } : undefined,
    );
    build.onLoad({ filter: /^lazy-saslprep$/, namespace: 'slim' }, () => ({
      contents: "let real;\nexports.saslprep = (input, options) => (real ??= require('@mongodb-js/saslprep')).saslprep(input, options);\n",
      resolveDir: mongodbDir,
      loader: 'js',
    }));
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
