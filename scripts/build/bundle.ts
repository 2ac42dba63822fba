import { build, type BuildOptions } from 'esbuild';
import { fromRoot, repoRoot } from '../lib/paths.ts';
import { loaderFile } from './function-command.ts';
import { lightWeb } from './light-web.ts';
import { slimmerDependencies } from './slimmer-dependencies.ts';

/**
 * Where a function's files go: `dist/functions/<name>.cjs`, the module the Functions Framework
 * loads (in Knative and in the local fleet alike), is a small loader that runs `<name>.bundle.cjs`
 * (the code) with its V8 code cache. The loader is CommonJS on purpose: for a `.js` file the
 * framework first imports `read-package-up` (and its dozen packages) to learn the module type, then
 * loads the file through the ES module loader; a `.cjs` file is simply required (~30 ms less CPU
 * per cold start, measured in docs/platform.md).
 */
export const bundlePath = (name: string) => fromRoot('dist', 'functions', `${name}.bundle.cjs`);
export const loaderPath = (name: string) => fromRoot(loaderFile(name));

/**
 * The generated entry: the definition handed to its host with its name (derived from the file by
 * the loader). No function file carries this boilerplate.
 */
const entrySource = (name: string, file: string) =>
  `import definition from './${file}';\nimport { registerKnativeFunction } from './shared/platform/hosts/knative.ts';\nregisterKnativeFunction(definition, '${name}');\n`;

const loaderSource = (name: string) =>
  `import { join } from 'node:path';\nimport { runBundle } from './shared/platform/hosts/cold-start/code-cache.ts';\nrunBundle(join(__dirname, '${name}.bundle.cjs'));\n`;

/** The MongoDB driver's optional add-ons: required only when configured, absent from the image on purpose. */
export const mongodbOptionalAddons = [
  'kerberos',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
] as const;

/**
 * Packages never bundled: the Functions Framework (a bundled copy would register functions in a
 * second registry the host never reads), native add-ons, and the MongoDB driver's optional ones.
 * Every one but the optional add-ons is loaded from node_modules in the image at run time.
 */
export const bundleExternals: readonly string[] = [
  '@google-cloud/functions-framework',
  // The framework's own Express: the host replaces its final error handler (hosts/framework-errors.ts),
  // which only works on the one copy the framework builds its app from.
  'express',
  // A native add-on (prebuilt per platform): loaded from node_modules in the image, never bundled.
  '@node-rs/argon2',
  // Large and off the hot path: imported on first use from node_modules in the image.
  'nodemailer',
  'fxa-common-password-list',
  // TOTP (with @noble/hashes): only 2FA logins and the 2FA endpoints load it.
  'otpauth',
  // The hierarchical layout library: only a batch with AUTO_LAYOUT loads it (shared/infra/layout).
  '@dagrejs/dagre',
  // The Stripe SDK (~240 KB): only the billing functions that call Stripe load it, from node_modules.
  'stripe',
  // pdf.js built for servers (1.6 MB, half the upload bundle): only a PDF upload loads it
  // (shared/infra/knowledge/extractor.ts); bundled, every upload start would read it.
  'unpdf',
  // Language-model providers: each is imported the first time a call goes to one of its kind
  // (shared/infra/ai/provider-models.ts), so a function loads only the providers it calls.
  '@ai-sdk/anthropic',
  '@ai-sdk/google',
  // OpenTelemetry: imported only by an instance with OTEL_EXPORTER_OTLP_ENDPOINT set
  // (shared/platform/telemetry/telemetry.ts); bundled, every start would read it.
  '@opentelemetry/api',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/core',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/sdk-trace',
  // Cloud KMS (with google-gax, ~11 MB): imported on the first data-key wrap or unwrap in production.
  '@google-cloud/kms',
  ...mongodbOptionalAddons,
];

/**
 * The Knative code bundle is CommonJS, run through vm.Script with a V8 code cache. A dynamic
 * `import()` of an external in such a script fails once the script comes from a cache made in
 * another process (Node 20 loses its import callback), so esbuild turns those imports into
 * `require()` behind a promise: same laziness, no loader callback.
 */
export const knativeCodeOptions = { format: 'cjs', supported: { 'dynamic-import': false } } as const;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  external: [...bundleExternals] as string[],
  logLevel: 'warning',
} as const;

/** esbuild's options for one function's code bundle (`outfile` elsewhere for tests). */
export const codeBundleOptions = (name: string, file: string, outfile = bundlePath(name)) =>
  ({
    ...common,
    stdin: { contents: entrySource(name, file), resolveDir: repoRoot, sourcefile: `${name}.entry.ts`, loader: 'ts' },
    outfile,
    ...knativeCodeOptions,
    plugins: [slimmerDependencies, lightWeb],
  }) satisfies BuildOptions;

/** Bundles one function; returns the bundle's size in bytes. */
export const bundleFunction = async (name: string, file: string): Promise<number> => {
  const result = await build(codeBundleOptions(name, file));
  await build({
    ...common,
    stdin: { contents: loaderSource(name), resolveDir: repoRoot, sourcefile: `${name}.loader.ts`, loader: 'ts' },
    outfile: loaderPath(name),
    format: 'cjs',
    sourcemap: false,
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => !path.endsWith('.map') && !path.endsWith('.txt'));
  return output?.[1].bytes ?? 0;
};
