/**
 * `npm run new -- http|cron|event <domain>/<name> [--event <type>]` writes a function
 * (`functions/<domain>/<name>.ts`, named `<domain>-<name>`), its integration test and, through
 * `npm run gen`, its entries in docs/functions.md, openapi.yaml and the deploy artifacts. The
 * placeholders it leaves say TODO(scaffold); a unit test fails until each is replaced. The next
 * steps are in docs/recipes.md.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../lib/paths.ts';
import { parseTarget, scaffold, ScaffoldError } from './scaffold.ts';

try {
  const target = parseTarget(process.argv.slice(2));
  const written = await scaffold(repoRoot, target);
  console.log(`new ${target.kind} function ${target.name}:\n${written.map((file) => `  wrote ${file}`).join('\n')}`);
  // The same Node and loader as this script: gen sees the new definition and writes the derived files.
  const gen = spawnSync(process.execPath, [...process.execArgv, path.join(repoRoot, 'scripts', 'gen', 'index.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (gen.status !== 0) process.exitCode = gen.status ?? 1;
  else console.log(`next: replace every TODO(scaffold) and follow docs/recipes.md`);
} catch (error) {
  console.error(error instanceof ScaffoldError ? error.message : error);
  process.exitCode = 1;
}
