import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOf, loadCollections } from '../../../scripts/db/collections.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const collections = await loadCollections();

/** The TypeScript sources outside the tests, relative to the repository root. */
const sources = async (): Promise<string[]> => {
  const roots = ['shared', 'functions', 'scripts'];
  const lists = await Promise.all(
    roots.map(async (root) =>
      (await readdir(fromRoot(root), { recursive: true })).map((entry) => path.join(root, entry).split(path.sep).join('/')),
    ),
  );
  return lists.flat().filter((file) => file.endsWith('.ts'));
};

// The declaration itself, the migration, which creates the declared indexes, and the backup, which
// copies whatever collections a database holds (declared or not: a backup must not drop data).
const mayCallCollection = new Set([
  'shared/infra/mongodb/collection.ts',
  'scripts/db/migrate.ts',
  'scripts/backup/export.ts',
  'scripts/backup/restore.ts',
]);

describe('the collection declarations', () => {
  it('should leave no store reaching a collection but through its declaration', async () => {
    const offenders: string[] = [];
    for (const file of await sources()) {
      if (mayCallCollection.has(file)) continue;
      const text = await readFile(fromRoot(file), 'utf8');
      if (/\.collection\s*(<[^()]*>)?\s*\(/.test(text)) offenders.push(file);
    }
    // Fix: declare the collection with defineCollection (shared/infra/mongodb/collection.ts) in its store, then use `declaration.in(db)`.
    expect(offenders).toEqual([]);
  });

  it('should find every declaration the modules make (an unexported one would lose its indexes)', async () => {
    const perFile = new Map<string, number>();
    for (const { file } of collections) perFile.set(file, (perFile.get(file) ?? 0) + 1);
    for (const [file, found] of perFile) {
      const calls = ((await readFile(fromRoot(file), 'utf8')).match(callOf('defineCollection')) ?? []).length;
      expect({ file, exported: found }).toEqual({ file, exported: calls });
    }
  });

  it.each([
    ['users', 'users_email_index_unique'],
    ['refresh_tokens', 'refresh_tokens_family_seq_unique'],
    ['flow_versions', 'flow_versions_flow_version_unique'],
    ['credit_ledger', 'credit_ledger_workspace_seq_unique'],
    ['credit_ledger', 'credit_ledger_workspace_key_unique'],
    ['workspace_invitations', 'workspace_invitations_token_unique'],
  ])('should declare on %s the unique index %s that arbitrates its racing inserts', (name, index) => {
    const declared = collections.find(({ collection }) => collection.name === name)?.collection;
    expect(declared?.indexes.find((i) => i.name === index)).toMatchObject({ unique: true });
  });
});
