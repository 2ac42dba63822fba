import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOf, loadCollections } from '../../../scripts/db/collections.ts';
import { indexPlan } from '../../../scripts/db/migrate.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { loadDataMap, storeDefiners } from '../../../scripts/privacy/data-map.ts';
import { noPersonalData, type DataStore } from '../../../shared/platform/privacy/data-map.ts';
import { storePrivacyProblems } from '../../../shared/platform/privacy/store-checks.ts';

const dataMap = await loadDataMap();
const declared = new Set(dataMap.map(({ store }) => `${store.store} ${store.name}`));

const listTs = async (roots: string[]): Promise<string[]> => {
  const lists = await Promise.all(
    roots.map(async (root) =>
      (await readdir(fromRoot(root), { recursive: true })).map((entry) => path.join(root, entry).split(path.sep).join('/')),
    ),
  );
  return lists.flat().filter((file) => file.endsWith('.ts'));
};
const sources = await listTs(['shared', 'functions', 'scripts']);
const textOf = (file: string) => readFile(fromRoot(file), 'utf8');
/** The code without comments (a doc comment may name a key shape). */
const codeOf = async (file: string) => (await textOf(file)).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const keyShaped = /(['"`])([a-z][a-z0-9_-]*:[^'"`\s]*)\1/g;

describe('the data map', () => {
  it('should hold privacy facts that agree with each other for every declared store', () => {
    expect(dataMap.flatMap(({ store }) => storePrivacyProblems(store))).toEqual([]);
  });

  it('should load every store declaration the sources make (a declaration anywhere else would skip the data map)', async () => {
    const loaded = new Map<string, number>();
    for (const { file } of dataMap) loaded.set(file, (loaded.get(file) ?? 0) + 1);
    const made = new Map<string, number>();
    for (const file of sources) {
      const text = await codeOf(file);
      if (storeDefiners.some((define) => new RegExp(`export const ${define}\\b`).test(text))) continue;
      const calls = storeDefiners.reduce((sum, define) => sum + (text.match(callOf(define)) ?? []).length, 0);
      if (calls > 0) made.set(file, calls);
    }
    // Fix: declare stores in shared/infra and export each declaration.
    expect(Object.fromEntries(made)).toEqual(Object.fromEntries(loaded));
  });

  it('should name only declared collections as the parents that link records to a person', () => {
    const parents = dataMap.flatMap(({ store }) => (store.privacy.subject?.parent ? [store.privacy.subject.parent.collection] : []));
    expect(parents.filter((name) => !declared.has(`mongodb ${name}`))).toEqual([]);
  });

  it('should create indexes only on collections of the data map', async () => {
    const undeclared = indexPlan(await loadCollections())
      .filter(({ collection }) => !declared.has(`mongodb ${collection.name}`) || storePrivacyProblems(collection).length > 0)
      .map(({ collection, index }) => `${collection.name}.${index.name}`);
    expect(undeclared).toEqual([]);
  });

  it('should know every collection the tests open by name', async () => {
    const named = new Set<string>();
    for (const file of await listTs(['tests'])) {
      for (const match of (await textOf(file)).matchAll(/\.collection\(\s*'([a-z0-9_]+)'/g)) named.add(match[1]!);
    }
    expect([...named].filter((name) => !declared.has(`mongodb ${name}`))).toEqual([]);
  });

  it('should leave no Redis key prefix undeclared', async () => {
    const prefixes = dataMap.filter(({ store }) => store.store === 'redis');
    const offenders: string[] = [];
    for (const file of sources) {
      const code = await codeOf(file);
      const ownPrefixes = new Set(prefixes.filter((p) => p.file === file).map((p) => p.store.name));
      const talksToRedis = /redis\.call\(|new Ratelimit\(|\.evalsha?\(/.test(code);
      const literals = talksToRedis
        ? [...code.matchAll(keyShaped)].map((m) => m[2]!)
        : [...code.matchAll(/prefix\s*[:=]\s*(['"`])([a-z][a-z0-9_-]*:[^'"`\s]*)\1/gi)].map((m) => m[2]!);
      for (const literal of literals) if (!ownPrefixes.has(literal)) offenders.push(`${file}: ${literal}`);
      for (const { store, file: owner } of prefixes)
        if (owner !== file && code.includes(`'${store.name}`)) offenders.push(`${file}: ${store.name}`);
    }
    // Fix: declare the key family with defineRedisKeys (shared/infra/upstash/redis-keys.ts) where the keys are written.
    expect(offenders).toEqual([]);
  });

  it('should leave no Chroma collection undeclared', async () => {
    const declaring = new Set(dataMap.filter(({ store }) => store.store === 'chroma').map(({ file }) => file));
    const offenders: string[] = [];
    for (const file of sources) {
      const code = await codeOf(file);
      if (!/\b(getOrCreateCollection|getCollection|createCollection|deleteCollection)\(/.test(code) || declaring.has(file)) continue;
      const imports = [...code.matchAll(/from '(\.[^']+)'/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]!));
      if (!imports.some((target) => declaring.has(target))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

describe('the privacy facts of a store', () => {
  const store = (privacy: DataStore['privacy']): DataStore => ({ store: 'mongodb', name: 'probe', privacy });

  it('should accept a store without personal data', () => {
    expect(storePrivacyProblems(store(noPersonalData('scheduler heartbeats')))).toEqual([]);
  });

  it.each([
    ['personal classes without a category', { ...noPersonalData('counters only'), classes: ['pseudonymous'] as const }],
    [
      'an export without a subject link',
      { ...noPersonalData('x'.repeat(10)), personalData: ['usage'] as const, export: 'records' as const },
    ],
    [
      'an erasure without a subject link',
      { ...noPersonalData('x'.repeat(10)), personalData: ['usage'] as const, erase: 'delete' as const },
    ],
    ['a reason too short to say anything', noPersonalData('none')],
    ['no data class', { ...noPersonalData('x'.repeat(10)), classes: [] }],
  ])('should refuse %s', (_what, privacy) => {
    expect(storePrivacyProblems(store(privacy)).length).toBeGreaterThan(0);
  });
});
