import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../lib/paths.ts';
import type { K8sObject } from './types.ts';

/** One object of a YAML stream and where it came from, for messages. */
export interface SourcedObject {
  source: string;
  object: K8sObject;
}

/** Every document of a YAML stream; throws naming the source on the first syntax error. Empty documents are skipped. */
export const parseYamlStream = (text: string, source: string): unknown[] =>
  parseAllDocuments(text).flatMap((document) => {
    const error = document.errors[0];
    if (error) throw new Error(`${source}: ${error.message}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });

/** Every `.yaml`/`.yml` file under `dir` (relative to the repository root), sorted. */
export const listYamlFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(path.join(repoRoot, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
};

/** The Kubernetes objects in the given files (documents without `kind` are left out). */
export const readObjects = async (files: readonly string[]): Promise<SourcedObject[]> => {
  const all = await Promise.all(
    files.map(async (file) =>
      parseYamlStream(await readFile(path.join(repoRoot, file), 'utf8'), file).map((object) => ({ source: file, object })),
    ),
  );
  return all.flat().filter(({ object }) => typeof object === 'object' && object !== null && 'kind' in object) as SourcedObject[];
};

/** The objects of a built kustomization's output. */
export const objectsOfStream = (text: string, source: string): SourcedObject[] =>
  parseYamlStream(text, source).map((object) => ({ source, object: object as K8sObject }));
