import { readFile } from 'node:fs/promises';
import { run } from './lib/run.ts';
import { fromRoot } from './lib/paths.ts';
import { ensureServices, serviceNames } from './services/index.ts';

/**
 * `npm test`: typecheck, lint, `gen --check`, the local services (installed and started when
 * missing), the bundles, then every vitest project. Arguments after `--` go to vitest.
 * Ends with one line `tests: N passed, N failed` for tools that read the closing line.
 */
const step = async (title: string, fn: () => Promise<unknown>) => {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  await fn();
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

const main = async () => {
  const vitestArgs = process.argv.slice(2);
  await step('typecheck', () => run('npx', ['tsc', '--noEmit', '-p', '.']));
  await step('lint', () => run('npm', ['run', '-s', 'lint']));
  await step('generated artifacts are fresh', () => run('npm', ['run', '-s', 'gen', '--', '--check']));
  let env: Record<string, string> = {};
  // Every service, the optional trace collector too: its first install (a Go build) belongs here, not inside a test's hook.
  await step(
    'local services',
    async () => (env = await ensureServices({ only: [...serviceNames], log: (line) => console.log(`  ${line}`) })),
  );
  await step('bundles', () => run('npm', ['run', '-s', 'build']));
  const report = fromRoot('.data/vitest-report.json');
  let failed: unknown;
  await step('vitest', () =>
    run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs], {
      ...env,
      APP_ENV: 'test',
      UXFLOW_BUNDLES_BUILT: '1',
    }),
  ).catch((error: unknown) => (failed = error));
  const counts = JSON.parse(await readFile(report, 'utf8').catch(() => '{}')) as { numPassedTests?: number; numFailedTests?: number };
  console.log(`\ntests: ${counts.numPassedTests ?? 0} passed, ${counts.numFailedTests ?? 0} failed`);
  if (failed) throw failed;
};

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
