import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCollectionDeclaration, type CollectionDeclaration } from '../../shared/infra/mongodb/collection.ts';
import { fromRoot } from '../lib/paths.ts';

/** A declaration and the module that exports it (relative to the repository root). */
export interface DeclaredCollection {
  file: string;
  collection: CollectionDeclaration;
}

/** A call of `define`, with or without a type argument (`defineCollection<Doc>({…})`). */
export const callOf = (define: string): RegExp => new RegExp(`\\b${define}\\s*(<[^()]*>)?\\s*\\(`, 'g');

/**
 * The modules under `under` (the adapters by default) that call `define` (relative to the
 * repository root, sorted), the module that defines it excepted.
 */
export const declaringModules = async (define: string, under: readonly string[] = ['shared', 'infra']): Promise<string[]> => {
  const entries = await readdir(fromRoot(...under), { recursive: true });
  const files = entries.filter((entry) => entry.endsWith('.ts')).map((entry) => path.join(...under, entry));
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await readFile(fromRoot(file), 'utf8') })));
  return texts
    .filter(({ text }) => callOf(define).test(text) && !new RegExp(`export const ${define}\\b`).test(text))
    .map(({ file }) => file.split(path.sep).join('/'))
    .sort();
};

/** Every exported value of the modules that call `define` that `is` accepts, with its module. */
export const loadDeclared = async <T>(define: string, is: (value: unknown) => value is T): Promise<{ file: string; value: T }[]> => {
  const found: { file: string; value: T }[] = [];
  for (const file of await declaringModules(define)) {
    const exports = (await import(pathToFileURL(fromRoot(file)).href)) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (is(value)) found.push({ file, value });
  }
  return found;
};

/**
 * Every collection the stores declare (each store reaches its collections only through its
 * declaration), found by importing the modules that declare them: no list to keep. Throws when
 * two declarations name one collection or one index name is used twice.
 */
export const loadCollections = async (): Promise<DeclaredCollection[]> => {
  const found: DeclaredCollection[] = (await loadDeclared('defineCollection', isCollectionDeclaration)).map(({ file, value }) => ({
    file,
    collection: value,
  }));
  const problems: string[] = [];
  const byName = new Map<string, string>();
  const byIndex = new Map<string, string>();
  for (const { file, collection } of found) {
    const other = byName.get(collection.name);
    if (other) problems.push(`collection ${collection.name} is declared in ${other} and in ${file}: declare it once, import it elsewhere`);
    byName.set(collection.name, file);
    for (const index of collection.indexes) {
      const owner = byIndex.get(index.name);
      if (owner) problems.push(`index ${index.name} of ${collection.name} is also declared on ${owner}`);
      byIndex.set(index.name, collection.name);
    }
  }
  if (problems.length > 0) throw new Error(`collection declarations:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return found.sort((a, b) => a.collection.name.localeCompare(b.collection.name));
};
