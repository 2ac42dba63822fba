import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findDrift, type Drift } from './drift.ts';
import type { GeneratedFile } from './generated-file.ts';

/**
 * Brings the disk in line with `files`: writes the stale and missing ones (fresh files are not
 * touched) and deletes files in the owned directories that nothing renders any more.
 * Returns what it changed.
 */
export const writeGenerated = async (root: string, files: readonly GeneratedFile[], ownedDirs: readonly string[]): Promise<Drift> => {
  const drift = await findDrift(root, files, ownedDirs);
  const changed = new Set([...drift.stale, ...drift.missing]);
  for (const file of files.filter((f) => changed.has(f.path))) {
    await mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
    await writeFile(path.join(root, file.path), file.content);
  }
  for (const file of drift.extra) await rm(path.join(root, file));
  return drift;
};
