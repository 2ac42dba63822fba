import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (two levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Everything the local services write lives under `.data/` (git-ignored). */
export const dataDir = join(repoRoot, '.data');
export const runDir = join(dataDir, 'run');
export const logDir = join(dataDir, 'logs');
export const toolsDir = join(dataDir, 'tools');
export const binDir = join(toolsDir, 'bin');

/** Creates `path` (and parents) if missing and returns it. */
export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  // `.data/` ignores itself, whatever the repository's .gitignore says.
  const ignoreFile = join(dataDir, '.gitignore');
  if (path.startsWith(dataDir) && !existsSync(ignoreFile)) writeFileSync(ignoreFile, '*\n');
  return path;
}

export function logFile(name: string): string {
  return join(ensureDir(logDir), `${name}.log`);
}

export function pidFile(name: string): string {
  return join(ensureDir(runDir), `${name}.pid`);
}

/** A path relative to the repo root, for messages a person reads. */
export function display(path: string): string {
  return relative(repoRoot, path) || '.';
}

/** `true` when the module at `moduleUrl` is the script node was asked to run. */
export function isEntryModule(moduleUrl: string, argv: readonly string[] = process.argv): boolean {
  const script = argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
