import { rm } from 'node:fs/promises';
import { loadDefinitions } from '../lib/load-definitions.ts';
import { mapLimit } from '../lib/map-limit.ts';
import { run } from '../lib/run.ts';
import { writeAssets } from './assets.ts';
import { bundleFunction, bundlePath } from './bundle.ts';
import { functionNodeFlags } from './function-command.ts';

/**
 * `npm run build`: one bundle per function under dist/functions, the API reference's files under
 * dist/assets, and a table of the bundles' sizes.
 * Optional: `--only <name>[,<name>]`.
 */
const main = async () => {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]?.split(',')) : null;
  const definitions = (await loadDefinitions()).filter(({ definition }) => !only || only.has(definition.name));
  if (!only) await rm(new URL('../../dist', import.meta.url), { recursive: true, force: true });
  // A few at a time: memory stays bounded, and esbuild already uses every core per bundle.
  const rows = await mapLimit(definitions, 4, async ({ definition, file }) => ({
    name: definition.name,
    kind: definition.kind,
    bytes: await bundleFunction(definition.name, file),
  }));
  // V8 code caches, made by running each bundle once with the same Node and V8 flags that serve it.
  const cacheArguments = rows.map((r) => `${r.kind === 'http' ? 'http' : 'event'}:${bundlePath(r.name)}`);
  await run(process.execPath, [...functionNodeFlags, 'scripts/build/make-code-cache.ts', ...cacheArguments], {
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
  });
  await writeAssets();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${'function'.padEnd(32)}${'bundle'.padStart(10)}`);
  for (const row of rows) console.log(`${row.name.padEnd(32)}${kb(row.bytes)}`);
  const largest = Math.max(...rows.map((r) => r.bytes));
  console.log(`${rows.length} functions bundled into dist/functions; largest bundle ${kb(largest).trim()}`);
};

await main();
