import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BSON, type Db, type Document } from 'mongodb';

const { EJSON } = BSON;
import { DomainError } from '../../shared/kernel/index.ts';
import { backupFormat, fileOf, manifestFile, type CollectionEntry, type Manifest } from './manifest.ts';

/** Canonical Extended JSON: the types survive the round trip (relaxed would turn a Long into a number). */
const line = (document: Document): string => `${EJSON.stringify(document, { relaxed: false })}\n`;

/** The collections worth saving: views and `system.*` are not data. */
export const dataCollections = async (db: Db) =>
  (await db.listCollections({}, { nameOnly: false }).toArray())
    .filter((info) => info.type === undefined || info.type === 'collection')
    .filter((info) => !info.name.startsWith('system.'))
    .sort((a, b) => a.name.localeCompare(b.name));

const indexesOf = async (db: Db, name: string) =>
  (await db.collection(name).listIndexes().toArray())
    .filter((index) => index.name !== '_id_')
    .map(({ v: _version, ns: _namespace, ...spec }) => EJSON.serialize(spec, { relaxed: false }) as CollectionEntry['indexes'][number]);

/** Streams one collection to its file in `_id` order (an immutable order, so no document is read twice). */
const exportCollection = async (db: Db, dir: string, name: string, options: Record<string, unknown>): Promise<CollectionEntry> => {
  const file = fileOf(name);
  const hash = createHash('sha256');
  let documents = 0;
  let bytes = 0;
  const cursor = db.collection(name).find({}, { sort: { _id: 1 }, batchSize: 500 });
  async function* lines() {
    for await (const document of cursor) {
      const text = line(document);
      hash.update(text);
      documents += 1;
      bytes += Buffer.byteLength(text);
      yield text;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(path.join(dir, file), { flags: 'wx' }));
  return {
    name,
    file,
    documents,
    bytes,
    sha256: hash.digest('hex'),
    options: EJSON.serialize(options, { relaxed: false }),
    indexes: await indexesOf(db, name),
  };
};

/**
 * Writes every collection of `db` with its indexes to `dir` (absent or empty), the manifest last:
 * a folder without `manifest.json` is an export that did not finish. Not a snapshot: collections
 * are read one after another, so a database taking writes meanwhile yields a copy no single
 * moment had (docs/backups.md: export a restored point in time, or a database at rest).
 */
export const exportDatabase = async (db: Db, dir: string): Promise<Manifest> => {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0)
    throw new DomainError('conflict', 'BACKUP_FOLDER_NOT_EMPTY', { detail: `${dir} is not empty: export into a new folder` });
  const startedAt = new Date().toISOString();
  const collections: CollectionEntry[] = [];
  for (const info of await dataCollections(db)) {
    collections.push(await exportCollection(db, dir, info.name, (info as { options?: Record<string, unknown> }).options ?? {}));
  }
  const manifest: Manifest = {
    format: backupFormat,
    version: 1,
    database: db.databaseName,
    startedAt,
    finishedAt: new Date().toISOString(),
    collections,
  };
  const partial = path.join(dir, `${manifestFile}.partial`);
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  await rename(partial, path.join(dir, manifestFile));
  return manifest;
};
