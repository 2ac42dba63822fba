import { rm } from 'node:fs/promises';
import { loadDefinitions } from '../lib/load-definitions.ts';
import { run } from '../lib/run.ts';
import { bundleFunction, bundlePath, hosts } from './bundle.ts';

/**
 * `npm run build`: one bundle per function and host under dist/, and a table of their sizes.
 * Optional: `--only <name>[,<name>]`.
 */
const main = async () => {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]?.split(',')) : null;
  const definitions = (await loadDefinitions()).filter(({ definition }) => !only || only.has(definition.name));
  if (!only) await rm(new URL('../../dist', import.meta.url), { recursive: true, force: true });
  const rows = await Promise.all(
    definitions.map(async ({ definition, file }) => {
      const [knative, lambda] = await Promise.all(hosts.map((host) => bundleFunction(host, definition.name, file)));
      return { name: definition.name, knative: knative!, lambda: lambda! };
    }),
  );
  // V8 code caches, made by running each Knative bundle once with the same Node that serves it.
  await run(process.execPath, ['--import', 'tsx', 'scripts/build/make-code-cache.ts', ...rows.map((r) => bundlePath('knative', r.name))], {
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
  });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${'function'.padEnd(32)}${'knative'.padStart(10)}${'lambda'.padStart(10)}`);
  for (const row of rows) console.log(`${row.name.padEnd(32)}${kb(row.knative)}${kb(row.lambda)}`);
  const largest = Math.max(...rows.map((r) => r.knative));
  console.log(`${rows.length} functions bundled into dist/; largest Knative bundle ${kb(largest).trim()}`);
};

await main();
