import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { display, logFile, pidFile, repoRoot } from './paths.ts';

export type DetachedCommand = {
  /** Service name: names the log (`.data/logs/<name>.log`) and pid file (`.data/run/<name>.pid`). */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
};

/** A started process; `exitCode` is set if it dies while the caller is still waiting for it. */
export type Started = { pid: number; exitCode: () => number | null | undefined };

/**
 * Starts `command` in its own process group, detached from the caller, so it outlives it.
 * Output is appended to the service's log file; its pid goes to the service's pid file.
 */
export function spawnDetached({ name, command, args, env }: DetachedCommand): Started {
  const log = openSync(logFile(name), 'a');
  writeFileSync(log, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: daemonEnv(env ?? process.env),
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal === null ? null : 128);
  });
  child.once('error', () => {
    exitCode = 127;
  });
  if (child.pid === undefined) throw new Error(`could not start ${command} for ${name}`);
  writeFileSync(pidFile(name), `${child.pid}\n`);
  child.unref();
  return { pid: child.pid, exitCode: () => exitCode };
}

/** A long-lived service must not inherit the test runner's or loader's settings of its caller. */
function daemonEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('VITEST') && key !== 'TEST'));
}

/** The pid recorded for `name` if that process is still alive, else `null`. */
export function livePid(name: string): number | null {
  const file = pidFile(name);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops the recorded process group of `name` (SIGTERM, then SIGKILL); `false` if none was running. */
export async function stopProcess(name: string, graceMs = 10_000): Promise<boolean> {
  const pid = livePid(name);
  rmSync(pidFile(name), { force: true });
  if (pid === null) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Polls `probe` until it answers `true`. Fails early if the started process exits, and
 * on timeout, pointing at the log in both cases.
 */
export async function waitUntilReady(
  name: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; started?: Started },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const log = display(logFile(name));
  for (;;) {
    if (await probe()) return;
    const code = options.started?.exitCode();
    if (code !== undefined) throw new Error(`${name} exited (code ${code}) before answering; see ${log}`);
    if (Date.now() > deadline) {
      throw new Error(`${name} did not answer within ${options.timeoutMs / 1000}s; see ${log}`);
    }
    await sleep(250);
  }
}
