import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants, closeSync, openSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { display, logFile, repoRoot } from './paths.ts';

/** An install step failed; the message says what to do next. */
export class InstallError extends Error {
  override name = 'InstallError';
}

export type InstallStep = {
  /** Service name; output goes to `.data/logs/<service>-install.log`. */
  service: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What a person should do if this step fails. */
  hint: string;
};

/** Runs one install step to completion, logging its output; throws an `InstallError` on failure. */
export async function runInstallStep(step: InstallStep): Promise<string> {
  const commandLine = [step.command, ...step.args].join(' ');
  const logPath = logFile(`${step.service}-install`);
  process.stderr.write(`[services] ${step.service}: ${commandLine} (log: ${display(logPath)})\n`);
  const log = openSync(logPath, 'a');
  writeFileSync(log, `\n--- ${new Date().toISOString()} ${commandLine}\n`);
  let stdout = '';
  try {
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      const child = spawn(step.command, step.args, {
        cwd: step.cwd ?? repoRoot,
        env: step.env ?? process.env,
        stdio: ['ignore', 'pipe', log],
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        writeFileSync(log, chunk);
      });
      child.once('error', reject);
      child.once('close', resolvePromise);
    });
    if (code !== 0) throw new Error(`exit code ${code}`);
    return stdout;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InstallError(`installing ${step.service} failed: \`${commandLine}\` (${reason}); see ${display(logPath)}. ${step.hint}`, {
      cause: error,
    });
  } finally {
    closeSync(log);
  }
}

/** Absolute path of `command` found on PATH, or `null`. */
export function findExecutable(command: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Like `findExecutable`, but throws an `InstallError` carrying `hint` when missing. */
export function requireExecutable(service: string, command: string, hint: string): string {
  const found = findExecutable(command);
  if (found === null) throw new InstallError(`${service} needs \`${command}\` on PATH. ${hint}`);
  return found;
}

/** Throws an `InstallError` when an npm package the service runs on is not installed. */
export function requirePackage(service: string, name: string): void {
  try {
    createRequire(join(repoRoot, 'package.json')).resolve(name);
  } catch (error) {
    throw new InstallError(`${service} needs the npm package \`${name}\`; run \`npm install\`.`, { cause: error });
  }
}
