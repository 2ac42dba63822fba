import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { fromRoot } from '../lib/paths.ts';

const lightWebModule = fromRoot('shared', 'platform', 'hosts', 'cold-start', 'index.ts');
const names = ['Headers', 'Request', 'Response'] as const;
const used = /\b(?:Headers|Request|Response)\b/;
const declaresOwn =
  /\b(?:class|function|const|let|var)\s+(?:Headers|Request|Response)\b|\bimport\b[^;]*\bas\s+(?:Headers|Request|Response)\b/;

const honoCommonJs = `${path.sep}hono${path.sep}dist${path.sep}cjs${path.sep}`;

/** Modules that build the responses of a request: Hono, its OpenAPI layer (their ES module builds), and our pipeline. */
const pipelineFiles = new RegExp(
  [
    `node_modules\\${path.sep}hono\\${path.sep}dist\\${path.sep}.*\\.js$`,
    `node_modules\\${path.sep}@hono\\${path.sep}zod-openapi\\${path.sep}dist\\${path.sep}.*\\.mjs$`,
    `shared\\${path.sep}platform\\${path.sep}http\\${path.sep}.*\\.ts$`,
  ].join('|'),
);

/**
 * Knative bundles only: inside Hono and our HTTP pipeline, the names `Headers`, `Request` and
 * `Response` refer to the light classes of `shared/platform/hosts/cold-start` instead of Node's
 * globals, so answering a request never loads undici (a cold instance then saves ~10 % of a bare
 * framework start). Every other module, and every outgoing `fetch`, keeps Node's own classes.
 * A pipeline module that declares one of these names itself stops the build.
 */
export const lightWeb: Plugin = {
  name: 'light-web',
  setup(build) {
    build.onLoad({ filter: pipelineFiles }, async (args) => {
      // Hono's CommonJS build: an ES import on top would break its `exports` (esbuild resolves the ES build anyway).
      if (args.path.includes(honoCommonJs)) return undefined;
      const contents = await readFile(args.path, 'utf8');
      if (!used.test(contents)) return undefined;
      if (declaresOwn.test(contents)) throw new Error(`light-web: ${args.path} declares its own Headers, Request or Response`);
      const imports = `import { ${names.map((name) => `Light${name} as ${name}`).join(', ')} } from ${JSON.stringify(lightWebModule)};\n`;
      return { contents: imports + contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
