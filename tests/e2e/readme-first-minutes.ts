import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { fromRoot } from '../../scripts/lib/paths.ts';

/** The shell block of the README's "First five minutes", as printed. */
export const firstMinutesBlock = async (): Promise<string> => {
  const readme = await readFile(fromRoot('README.md'), 'utf8');
  const section = readme.split('\n## First five minutes\n')[1]?.split('\n## ')[0];
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## First five minutes"');
  return block;
};

/**
 * Runs the block with bash in `cwd`, its first line (`API=…`) pointed at `apiUrl` and nothing else
 * changed; stdout, stderr and the exit code. `set -e -o pipefail` makes a failing command fail the run.
 */
export const runFirstMinutes = async (apiUrl: string, cwd: string) => {
  const block = (await firstMinutesBlock()).replace(/^API=.*$/m, `API=${apiUrl}`);
  const child = spawn('bash', ['-c', `set -e -o pipefail\n${block}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
};
