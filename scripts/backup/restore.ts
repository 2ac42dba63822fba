import path from 'node:path';
import { BSON, type Db, type Document } from 'mongodb';

const { EJSON } = BSON;
import { DomainError } from '../../shared/kernel/index.ts';
import { dataCollections } from './export.ts';
import { linesOf, readManifest, verifyFiles, type CollectionEntry } from './manifest.ts';

export interface RestoreReport {
  database: string;
  collections: number;
  documents: number;
  indexes: number;
}

const batchSize = 500;

/**
 * Creates the collection and its indexes, then loads the documents. Indexes come first on
 * purpose: the unique indexes are the project's concurrency arbiters, so a backup that breaks
 * one (an export of a database taking writes can) fails here, at the document, instead of
 * yielding a database whose invariants no longer hold; the cost is a slower load than a build
 * after the data, acceptable at this scale (docs/backups.md). TTL indexes delete expired documents
 * from the moment they exist: what is restored is what a live database would still hold.
 */
const restoreCollection = async (db: Db, dir: string, entry: CollectionEntry): Promise<number> => {
  // The `create` command takes `listCollections` options exactly as they were read.
  await db.command({ create: entry.name, ...(EJSON.deserialize(entry.options, { relaxed: false }) as Document) });
  if (entry.indexes.length > 0) {
    const indexes = entry.indexes.map((index) => EJSON.deserialize(index, { relaxed: false }) as Document);
    await db.command({ createIndexes: entry.name, indexes });
  }
  const collection = db.collection(entry.name);
  let batch: Document[] = [];
  let documents = 0;
  for await (const line of linesOf(path.join(dir, entry.file))) {
    batch.push(EJSON.parse(line, { relaxed: false }) as Document);
    if (batch.length === batchSize) {
      documents += (await collection.insertMany(batch, { ordered: true })).insertedCount;
      batch = [];
    }
  }
  if (batch.length > 0) documents += (await collection.insertMany(batch, { ordered: true })).insertedCount;
  const stored = await collection.countDocuments();
  if (documents !== entry.documents || stored !== entry.documents)
    throw new DomainError('unprocessable', 'BACKUP_COUNT_MISMATCH', {
      detail: `${entry.name}: ${documents} inserted, ${stored} stored; the manifest says ${entry.documents}`,
      extensions: { collection: entry.name },
    });
  return documents;
};

/**
 * Restores the backup in `dir` into `db`. Every file is verified first; the target must hold no
 * collection unless `force`, which drops the backup's collections there first (others stay). A
 * failed restore into an empty target drops it again, so nothing half-restored remains.
 */
export const restoreDatabase = async (db: Db, dir: string, options: { force?: boolean } = {}): Promise<RestoreReport> => {
  const manifest = await readManifest(dir);
  await verifyFiles(dir, manifest);
  const existing = (await dataCollections(db)).map((info) => info.name);
  if (existing.length > 0 && !options.force)
    throw new DomainError('conflict', 'BACKUP_TARGET_NOT_EMPTY', {
      detail: `${db.databaseName} holds ${existing.length} collections (${existing.slice(0, 5).join(', ')}…): restore into a new database, or pass --force to replace the backup's collections`,
      extensions: { collections: existing.length },
    });
  for (const entry of manifest.collections) if (existing.includes(entry.name)) await db.collection(entry.name).drop();
  let documents = 0;
  try {
    for (const entry of manifest.collections) documents += await restoreCollection(db, dir, entry);
  } catch (error) {
    if (existing.length === 0) await db.dropDatabase();
    throw error;
  }
  return {
    database: db.databaseName,
    collections: manifest.collections.length,
    documents,
    indexes: manifest.collections.reduce((sum, entry) => sum + entry.indexes.length, 0),
  };
};
