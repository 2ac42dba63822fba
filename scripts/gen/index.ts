/**
 * `npm run gen` writes every artifact derived from the function definitions: knative/base,
 * knative/overlays, openfaas/stack.yml, openapi.yaml, docs/functions.md and
 * terraform/modules/platform/runtime-secrets.tf.json (the Secret Manager secrets the ExternalSecret reads), the
 * permissions an API key may carry (shared/identity/api-key-permissions.ts), and the index of the
 * built-in template files (shared/flows/templates/library-files.ts), and the record of processing
 * activities (docs/privacy/records.md and .json, from the definitions and the data map), and the typed
 * TypeScript client's declarations (clients/typescript/schema.d.ts, from openapi.yaml).
 * `npm run gen -- --check` writes nothing and exits 1 naming each stale, missing or extra file
 * (CI runs it).
 */
import { loadDefinitions } from '../lib/load-definitions.ts';
import { repoRoot } from '../lib/paths.ts';
import { findDrift, hasDrift, type Drift } from './drift.ts';
import { knativeBaseDir } from './knative/index.ts';
import { knativeOverlaysDir } from './knative/overlays/index.ts';
import { readPackageVersion } from './package-version.ts';
import { renderAll } from './render-all.ts';
import { renderTemplateLibrary } from './template-library.ts';
import { renderTypescriptClient } from './typescript-client.ts';
import { writeGenerated } from './write-files.ts';
import { renderPrivacyRecords } from '../privacy/render-records.ts';

const ownedDirs = [knativeBaseDir, knativeOverlaysDir, 'openfaas'];

const checkWords = { stale: 'stale', missing: 'missing', extra: 'extra' } as const;
const writeWords = { stale: 'updated', missing: 'created', extra: 'removed' } as const;

/** One line per differing file, e.g. `  stale:   openapi.yaml`. */
const describe = (drift: Drift, words: Record<keyof Drift, string>): string[] =>
  (['stale', 'missing', 'extra'] as const).flatMap((kind) => drift[kind].map((file) => `  ${`${words[kind]}:`.padEnd(9)}${file}`));

const run = async (argv: readonly string[]): Promise<number> => {
  const isCheck = argv.includes('--check');
  // The definitions import the template index: index a renamed or removed template file before loading them.
  const library = await renderTemplateLibrary(repoRoot);
  const indexed = isCheck ? null : await writeGenerated(repoRoot, [library], []);
  const loaded = await loadDefinitions();
  const definitions = loaded.map(({ definition }) => definition);
  const derived = renderAll(definitions, { version: await readPackageVersion(repoRoot) });
  const openapi = derived.find((file) => file.path === 'openapi.yaml')!;
  const files = [...derived, await renderTypescriptClient(openapi), library, ...(await renderPrivacyRecords(loaded))];
  const summary = `${files.length} files from ${definitions.length} functions`;
  if (isCheck) {
    const drift = await findDrift(repoRoot, files, ownedDirs);
    if (!hasDrift(drift)) {
      console.log(`gen --check: all ${summary} are fresh`);
      return 0;
    }
    console.error(['gen --check: generated files are out of date (run npm run gen):', ...describe(drift, checkWords)].join('\n'));
    return 1;
  }
  const changes = await writeGenerated(repoRoot, files, ownedDirs);
  changes.stale.push(...(indexed?.stale ?? []));
  changes.missing.push(...(indexed?.missing ?? []));
  console.log([`gen: ${summary}${hasDrift(changes) ? '' : ', all already fresh'}`, ...describe(changes, writeWords)].join('\n'));
  return 0;
};

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
