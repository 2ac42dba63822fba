import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDir, runDir } from './paths.ts';
import { isAlive } from './process.ts';

/**
 * Runs `work` while holding `.data/run/<name>.lock`, so that several processes (parallel test
 * workers, a dev server and a test run) never install or start the same service twice.
 * A lock left by a dead process is taken over.
 */
export async function withLock<T>(name: string, work: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  const dir = join(ensureDir(runDir), `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  while (!tryAcquire(dir)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the ${name} lock (${dir})`);
    await sleep(200);
  }
  try {
    return await work();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tryAcquire(dir: string): boolean {
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'owner'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = readOwner(dir);
  // The owner file is written right after mkdir: a lock without one is judged only once it is old.
  const isStale = owner === null ? ageMs(dir) > 5_000 : !isAlive(owner);
  if (!isStale) return false;
  rmSync(dir, { recursive: true, force: true });
  return false;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readOwner(dir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, 'owner'), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}
