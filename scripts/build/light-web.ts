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
 * Client libraries whose outgoing calls go through the light classes and `lightFetch` (node:http)
 * instead of Node's fetch: the Chroma SDK (its ES module build), which builds a default client
 * with `new Headers()` as it loads and then a Request and a fetch per call. Knowledge crons and
 * the first search of an instance then never load undici.
 */
const clientFiles = new RegExp(`node_modules\\${path.sep}chromadb\\${path.sep}dist\\${path.sep}.*\\.mjs$`);
const declaresOwnFetch = /\b(?:class|function|const|let|var)\s+fetch\b|\bimport\b[^;]*\bas\s+fetch\b/;

/**
 * Knative bundles only: inside Hono and our HTTP pipeline, the names `Headers`, `Request` and
 * `Response` refer to the light classes of `shared/platform/hosts/cold-start` instead of Node's
 * globals, so answering a request never loads undici (a cold instance then saves ~10 % of a bare
 * framework start); in the client libraries above, `fetch` is `lightFetch` as well. Every other
 * module, and every other outgoing `fetch`, keeps Node's own classes. A module that declares one
 * of these names itself stops the build.
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
    build.onLoad({ filter: clientFiles }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (declaresOwn.test(contents) || declaresOwnFetch.test(contents)) {
        throw new Error(`light-web: ${args.path} declares its own fetch, Headers, Request or Response`);
      }
      const lightNames = [...names.map((name) => `Light${name} as ${name}`), 'lightFetch as fetch'];
      const imports = `import { ${lightNames.join(', ')} } from ${JSON.stringify(lightWebModule)};\n`;
      return { contents: imports + contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
