import { fromRoot } from '../lib/paths.ts';

/** A function's loader (its Knative Service's FUNCTION_SOURCE), relative to the repository root and the image's WORKDIR. */
export const loaderFile = (name: string) => `dist/functions/${name}.cjs`;

/** The Functions Framework's entry: what the image's ENTRYPOINT runs (relative to its WORKDIR). */
export const frameworkEntry = 'node_modules/@google-cloud/functions-framework/build/src/main.js';
export const frameworkMain = fromRoot(frameworkEntry);

/**
 * The V8 flags every function runs with, on the image's ENTRYPOINT (NODE_OPTIONS refuses this one).
 * `--min-semi-space-size=24` starts each half of the young generation at 24 MB instead of 1 MB, so
 * a start and its first request (15-25 MB of allocations) run no scavenge and no early
 * mark-compact: measured here ~20 ms less CPU per cold start (16 MB left one 7 ms scavenge in the
 * first request of the larger bundles), for ~15 MB more resident memory once warm
 * (docs/platform.md). V8 refuses a code cache made under other
 * flags (most flags count, heap sizes do not), so `npm run build` makes the caches under these
 * flags whatever they become, and every script that serves a function (bench, local fleet) passes them.
 */
export const functionNodeFlags: readonly string[] = ['--min-semi-space-size=24'];

/** The image's ENTRYPOINT (exec form), which a deploy test compares with the Dockerfile's. */
export const imageEntrypoint = ['node', ...functionNodeFlags, frameworkEntry];

/** Node's arguments to serve one function as its Knative pod does (the ENTRYPOINT, then the Service's env as flags). */
export const functionProcessArgs = (options: { target: string; source: string; signatureType: string; port: number }): string[] => [
  ...functionNodeFlags,
  frameworkMain,
  `--target=${options.target}`,
  `--source=${options.source}`,
  `--signature-type=${options.signatureType}`,
  `--port=${options.port}`,
];
