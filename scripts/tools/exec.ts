import { execFile } from 'node:child_process';
import { repoRoot } from '../services/paths.ts';

export type ExecResult = { code: number; stdout: string; stderr: string };

/** Runs a command to completion in the repo root; a non-zero exit is a result, not an error. */
export function exec(command: string, args: readonly string[], input?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(new Error(`${command} could not run`, { cause: error }));
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
