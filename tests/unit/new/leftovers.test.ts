import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { placeholder } from '../../../scripts/new/templates.ts';

/** Where the scaffold writes: the function, its test, and what gen derives from them. */
const scanned = ['functions', 'tests/integration', 'docs', 'openapi.yaml'];

const filesUnder = async (entry: string): Promise<string[]> => {
  if (path.extname(entry)) return [entry];
  const found = await readdir(fromRoot(entry), { recursive: true, withFileTypes: true });
  return found.filter((file) => file.isFile()).map((file) => path.relative(fromRoot(), path.join(file.parentPath, file.name)));
};

describe('what the scaffold left', () => {
  // `npm run new` writes placeholders that type-check and generate; each is a step still to do.
  it(`should find no ${placeholder} left: describe the function and write its tests (docs/recipes.md)`, async () => {
    const files = (await Promise.all(scanned.map(filesUnder))).flat();
    const left: string[] = [];
    for (const file of files) if ((await readFile(fromRoot(file), 'utf8')).includes(placeholder)) left.push(file.split(path.sep).join('/'));
    expect(left).toEqual([]);
  });
});
