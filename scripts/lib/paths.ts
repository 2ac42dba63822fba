import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, wherever a script is started from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fromRoot = (...segments: string[]) => path.join(repoRoot, ...segments);
