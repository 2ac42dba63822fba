import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDrift, hasDrift } from '../../../scripts/gen/drift.ts';
import { writeGenerated } from '../../../scripts/gen/write-files.ts';

const files = [
  { path: 'knative/base/services/a.yaml', content: 'a: 1\n' },
  { path: 'openapi.yaml', content: 'openapi: 3.1.0\n' },
];
const owned = ['knative/base'];

let root: string;
const put = async (file: string, content: string) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'uxflow-gen-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findDrift', () => {
  it('should report nothing when every file on disk equals its rendering', async () => {
    for (const file of files) await put(file.path, file.content);
    expect(hasDrift(await findDrift(root, files, owned))).toBe(false);
  });

  it('should name a stale file when its content differs from the rendering', async () => {
    await put('knative/base/services/a.yaml', 'a: 2\n');
    await put('openapi.yaml', 'openapi: 3.1.0\n');
    expect(await findDrift(root, files, owned)).toEqual({ stale: ['knative/base/services/a.yaml'], missing: [], extra: [] });
  });

  it('should name missing files and leftovers in owned directories when the set changed', async () => {
    await put('knative/base/services/removed.yaml', 'old: true\n');
    await put('docs/notes.md', 'not generated, not owned\n');
    expect(await findDrift(root, files, owned)).toEqual({
      stale: [],
      missing: ['knative/base/services/a.yaml', 'openapi.yaml'],
      extra: ['knative/base/services/removed.yaml'],
    });
  });
});

describe('writeGenerated', () => {
  it('should leave no drift and keep unowned files when it writes', async () => {
    await put('knative/base/services/removed.yaml', 'old: true\n');
    await put('docs/notes.md', 'mine\n');
    await writeGenerated(root, files, owned);
    expect(hasDrift(await findDrift(root, files, owned))).toBe(false);
    expect(await readFile(path.join(root, 'docs/notes.md'), 'utf8')).toBe('mine\n');
  });
});
