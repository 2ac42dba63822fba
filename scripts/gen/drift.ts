import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './generated-file.ts';
import { compareText } from './order.ts';

/** How the files on disk differ from what the definitions produce (paths relative to the root). */
export interface Drift {
  /** On disk, with different content. */
  stale: string[];
  /** Not on disk. */
  missing: string[];
  /** On disk in a fully generated directory, but no longer produced (e.g. a removed function's Service). */
  extra: string[];
}

export const hasDrift = (drift: Drift): boolean => drift.stale.length + drift.missing.length + drift.extra.length > 0;

const readIfPresent = async (file: string): Promise<string | null> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** Every file under `dir` (relative to `root`), or none if `dir` does not exist. */
export const listFiles = async (root: string, dir: string): Promise<string[]> => {
  try {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
};

/**
 * Compares each rendered file with the one on disk, byte for byte, and lists files in the
 * fully generated directories (`ownedDirs`) that nothing renders any more.
 */
export const findDrift = async (root: string, files: readonly GeneratedFile[], ownedDirs: readonly string[]): Promise<Drift> => {
  const drift: Drift = { stale: [], missing: [], extra: [] };
  for (const file of files) {
    const onDisk = await readIfPresent(path.join(root, file.path));
    if (onDisk === null) drift.missing.push(file.path);
    else if (onDisk !== file.content) drift.stale.push(file.path);
  }
  const rendered = new Set(files.map((file) => file.path));
  const present = (await Promise.all(ownedDirs.map((dir) => listFiles(root, dir)))).flat();
  drift.extra = present.filter((file) => !rendered.has(file)).sort(compareText);
  return drift;
};
