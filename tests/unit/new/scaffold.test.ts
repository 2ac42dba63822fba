import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from '../../../scripts/new/scaffold.ts';
import { repoRoot } from '../../../scripts/lib/paths.ts';

/** What the scaffold and the checks read: the sources, the generated artifacts, the tool configuration. */
const copied = [
  'functions',
  'shared',
  'scripts',
  'tests/support',
  'tests/integration',
  'docs/functions.md',
  'knative',
  'openfaas',
  'terraform/modules/platform/runtime-secrets.tf.json',
  'openapi.yaml',
  'package.json',
  'tsconfig.json',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
];

const scaffolded = [
  {
    kind: 'http',
    where: 'ops/scaffold-probe-list',
    files: ['functions/ops/scaffold-probe-list.ts', 'tests/integration/ops/scaffold-probe-list.test.ts'],
  },
  {
    kind: 'cron',
    where: 'ops/scaffold-probe-sweep',
    files: ['functions/ops/scaffold-probe-sweep.ts', 'tests/integration/ops/scaffold-probe-sweep.test.ts'],
  },
  {
    kind: 'event',
    where: 'ops/scaffold-probe-consumer',
    extra: ['--event', 'com.uxflow.flow.deleted.v1'],
    files: ['functions/ops/scaffold-probe-consumer.ts', 'tests/integration/ops/scaffold-probe-consumer.test.ts'],
  },
];
const written = scaffolded.flatMap((entry) => entry.files);

let copy: string;
/** Runs a command in the copy; its status and output. */
const run = (command: string, args: readonly string[]) => {
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};
const bin = (tool: string) => path.join(copy, 'node_modules', '.bin', tool);

beforeAll(async () => {
  copy = await mkdtemp(path.join(tmpdir(), 'uxflow-scaffold-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...copied], { cwd: repoRoot })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  await Promise.all(files.map((file) => cp(path.join(repoRoot, file), path.join(copy, file), { force: true }).catch(() => undefined)));
  await symlink(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  for (const { kind, where, extra = [] } of scaffolded) {
    const result = run(process.execPath, ['scripts/run.mjs', 'scripts/new/index.ts', kind, where, ...extra]);
    if (result.status !== 0) throw new Error(`npm run new -- ${kind} ${where} failed:\n${result.output}`);
  }
  // Only the new files and what they import: the rest of the repository is checked by its own run.
  await writeFile(path.join(copy, 'tsconfig.scaffold.json'), JSON.stringify({ extends: './tsconfig.json', include: [], files: written }));
}, 300_000);
afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('npm run new', () => {
  it('should write a function and its test for each kind that type-check', () => {
    expect(run(bin('tsc'), ['-p', 'tsconfig.scaffold.json'])).toEqual({ status: 0, output: '' });
  }, 300_000);

  it('should write files that pass lint and the formatter', () => {
    const eslint = run(bin('eslint'), written);
    const prettier = run(bin('prettier'), ['--check', ...written]);
    expect({ eslint, prettier: prettier.status === 0 ? prettier.status : prettier.output }).toEqual({
      eslint: { status: 0, output: '' },
      prettier: 0,
    });
  }, 300_000);

  it('should leave every generated artifact fresh', () => {
    const check = run(process.execPath, ['scripts/run.mjs', 'scripts/gen/index.ts', '--check']);
    expect({ status: check.status, output: check.output.trim() }).toEqual({
      status: 0,
      output: expect.stringMatching(/^gen --check: all \d+ files from \d+ functions are fresh$/) as string,
    });
  }, 300_000);

  it('should refuse to overwrite a function that exists', () => {
    const again = run(process.execPath, ['scripts/run.mjs', 'scripts/new/index.ts', 'http', 'ops/scaffold-probe-list']);
    expect({ status: again.status, output: again.output.trim() }).toEqual({
      status: 1,
      output: 'already there: functions/ops/scaffold-probe-list.ts, tests/integration/ops/scaffold-probe-list.test.ts',
    });
  });

  it.each([
    [['http', 'flows/list-flows'], /flows-list-flows repeats its domain .*functions\/flows\/list\.ts/],
    [['http', 'flow/list'], /folder functions\/flow is not a domain/],
    [['job', 'flows/list'], /^usage: npm run new -- http\|cron\|event/],
    [['event', 'flows/on-thing', '--event', 'com.uxflow.nothing.v1'], /--event com\.uxflow\.nothing\.v1 is not in the catalog/],
  ])('should refuse %j and say why', (argv, message) => {
    expect(() => parseTarget(argv)).toThrow(message);
  });
});
