import { build, type Plugin } from 'esbuild';
import { fromRoot, repoRoot } from '../lib/paths.ts';
import { slimmerDependencies } from './slimmer-dependencies.ts';

export const hosts = ['knative', 'lambda'] as const;
export type Host = (typeof hosts)[number];

/** Where each host's bundle of a function goes. */
export const bundlePath = (host: Host, name: string) =>
  fromRoot('dist', host === 'knative' ? 'functions' : 'lambda', `${name}.js`);

/** The generated entry: the definition handed to its host. No function file carries this boilerplate. */
const entrySource = (host: Host, file: string) =>
  host === 'knative'
    ? `import definition from './${file}';\nimport { registerKnativeFunction } from './shared/platform/hosts/knative.ts';\nregisterKnativeFunction(definition);\n`
    : `import definition from './${file}';\nimport { createLambdaHandler } from './shared/platform/hosts/lambda.ts';\nexport const handler = createLambdaHandler(definition);\n`;

/**
 * Packages never bundled: the Functions Framework (a bundled copy would register functions in a
 * second registry the host never reads) and the MongoDB driver's optional native add-ons.
 */
const external = [
  '@google-cloud/functions-framework',
  'kerberos',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
];

/** Bundles one function for one host; returns the bundle's size in bytes. */
export const bundleFunction = async (host: Host, name: string, file: string): Promise<number> => {
  const outfile = bundlePath(host, name);
  const result = await build({
    stdin: { contents: entrySource(host, file), resolveDir: repoRoot, sourcefile: `${name}.${host}.entry.ts`, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    external,
    plugins: [slimmerDependencies],
    // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(`${name}.js`));
  return output?.[1].bytes ?? 0;
};
