import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Binary, BSON, Double, Long, MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatabase } from '../../../scripts/backup/export.ts';
import { targetOf } from '../../../scripts/backup/index.ts';
import { fileOf, manifestFile, readManifest } from '../../../scripts/backup/manifest.ts';
import { restoreDatabase } from '../../../scripts/backup/restore.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { toProblem } from '../../../shared/platform/http/problem.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/** Collections of this file's own databases, not of the product (named once: the data map test lists literal names). */
const kinds = 'kinds';
const many = 'many';
const empty = 'empty';
const other = 'other';

let client: MongoClient;
let uri: string;
let source: Db;
let dir: string;
const databases: Db[] = [];
let next = 0;
/** A database of this run that nobody has written to. */
const fresh = () => {
  const db = client.db(testDatabase(`it_backup_files_${(next += 1)}`));
  databases.push(db);
  return db;
};
const problemOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return null;
  } catch (error) {
    const { status, code } = toProblem(error).problem;
    return { status, code };
  }
};
const canonical = async (db: Db, name: string) =>
  (
    await db
      .collection(name)
      .find({}, { sort: { _id: 1 } })
      .toArray()
  ).map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
const collectionNames = async (db: Db) => (await db.listCollections().toArray()).map((info) => info.name).sort();
/** A copy of the backup in a folder of its own, for a test that damages it. */
const copyOfBackup = async () => {
  const copy = await mkdtemp(path.join(tmpdir(), 'uxf-backup-copy-'));
  const manifest = await readManifest(dir);
  for (const name of [manifestFile, ...manifest.collections.map((c) => c.file)])
    await writeFile(path.join(copy, name), await readFile(path.join(dir, name)));
  return copy;
};

beforeAll(async () => {
  const services = await ensureServices({ only: ['mongodb'] });
  uri = services.MONGODB_URI!;
  client = new MongoClient(uri);
  source = fresh();
  dir = await mkdtemp(path.join(tmpdir(), 'uxf-backup-files-'));
  // Every type the stores write, strings JSON leaves unescaped, and more documents than one insert batch.
  await source.collection(kinds).insertMany([
    {
      _id: 'k1' as never,
      long: Long.fromString('9007199254740993'),
      double: new Double(3),
      int: 3,
      at: new Date('2026-01-02T03:04:05.678Z'),
      bytes: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      uuid: new Binary(Buffer.alloc(16, 7), 4),
      oid: new ObjectId('65a1b2c3d4e5f60718293a4b'),
      text: 'line\nbreak \u2028 \u2029 "quoted" ✓',
      nested: { list: [1, 'two', null, true, { deep: [new Date(0)] }] },
    },
  ]);
  await source.collection(many).insertMany(Array.from({ length: 1203 }, (_, i) => ({ _id: `m${String(i).padStart(5, '0')}` as never, i })));
  await source.collection(many).createIndex({ i: 1 }, { name: 'many_i_unique', unique: true });
  await source.collection(empty).createIndex({ at: 1 }, { name: 'empty_at' });
  await exportDatabase(source, dir);
}, servicesHookTimeoutMs);

afterAll(async () => {
  for (const db of databases) await db.dropDatabase();
  await client?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run backup -- export | restore', () => {
  it('should restore every document with its BSON types, every collection and every index', async () => {
    const target = fresh();
    expect(await restoreDatabase(target, dir)).toMatchObject({ collections: 3, documents: 1204, indexes: 2 });
    expect(await collectionNames(target)).toEqual(['empty', 'kinds', 'many']);
    for (const name of ['kinds', 'many']) expect(await canonical(target, name), name).toEqual(await canonical(source, name));
    const found = await target.collection(kinds).findOne({ _id: 'k1' as never });
    expect(found?.long).toBeInstanceOf(Long);
    expect(found?.at).toBeInstanceOf(Date);
    expect((await target.collection(empty).listIndexes().toArray()).map((index) => index.name as string)).toContain('empty_at');
    // The unique index is back and enforced.
    await expect(target.collection(many).insertOne({ _id: 'dup' as never, i: 7 })).rejects.toMatchObject({ code: 11000 });
  });

  it('should refuse a non-empty target, and replace only the backup’s collections with --force', async () => {
    const target = fresh();
    await target.collection(many).insertOne({ _id: 'stale' as never, i: -1 });
    await target.collection(other).insertOne({ _id: 'keep' as never });
    expect(await problemOf(restoreDatabase(target, dir))).toEqual({ status: 409, code: 'BACKUP_TARGET_NOT_EMPTY' });
    expect(await target.collection(many).countDocuments()).toBe(1);

    await restoreDatabase(target, dir, { force: true });
    expect(await target.collection(many).countDocuments()).toBe(1203);
    expect(await target.collection(many).findOne({ _id: 'stale' as never })).toBeNull();
    expect(await target.collection(other).countDocuments()).toBe(1);
  });

  it('should refuse a damaged or truncated backup before writing anything', async () => {
    const edited = await copyOfBackup();
    const file = path.join(edited, fileOf('many'));
    await writeFile(file, (await readFile(file, 'utf8')).replace('"m00007"', '"m0000X"'));
    const target = fresh();
    expect(await problemOf(restoreDatabase(target, edited))).toEqual({ status: 422, code: 'BACKUP_CHECKSUM_MISMATCH' });

    const truncated = await copyOfBackup();
    const lines = (await readFile(path.join(truncated, fileOf('many')), 'utf8')).split('\n');
    await writeFile(path.join(truncated, fileOf('many')), lines.slice(0, 600).join('\n') + '\n');
    expect(await problemOf(restoreDatabase(target, truncated))).toEqual({ status: 422, code: 'BACKUP_CHECKSUM_MISMATCH' });

    const unfinished = await copyOfBackup();
    await rm(path.join(unfinished, manifestFile));
    expect(await problemOf(restoreDatabase(target, unfinished))).toEqual({ status: 400, code: 'BACKUP_MANIFEST_MISSING' });
    expect(await collectionNames(target)).toEqual([]);
    for (const copy of [edited, truncated, unfinished]) await rm(copy, { recursive: true });
  });

  it('should leave nothing behind when a document breaks a unique index during the load', async () => {
    // A consistent manifest over data that breaks its own unique index (what an export of a
    // database taking writes could capture): the load fails and the fresh target is dropped again.
    const broken = await copyOfBackup();
    const line = `{"_id":"m99999","i":{"$numberInt":"5"}}\n`;
    await appendFile(path.join(broken, fileOf('many')), line);
    const manifest = JSON.parse(await readFile(path.join(broken, manifestFile), 'utf8')) as {
      collections: { name: string; documents: number; bytes: number; sha256: string }[];
    };
    const entry = manifest.collections.find((c) => c.name === 'many')!;
    const bytes = await readFile(path.join(broken, fileOf('many')));
    Object.assign(entry, { documents: entry.documents + 1, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    await writeFile(path.join(broken, manifestFile), JSON.stringify(manifest));

    const target = fresh();
    await expect(restoreDatabase(target, broken)).rejects.toMatchObject({ code: 11000 });
    expect(await collectionNames(target)).toEqual([]);
    await rm(broken, { recursive: true });
  });

  it('should refuse to export into a folder that holds anything', async () => {
    expect(await problemOf(exportDatabase(source, dir))).toEqual({ status: 409, code: 'BACKUP_FOLDER_NOT_EMPTY' });
  });

  it('should run as a command: one JSON line per success, the error code and exit 1 on a refusal', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/backup/index.ts', ...args], { env: { ...process.env, MONGODB_URI: uri } });
    const out = await mkdtemp(path.join(tmpdir(), 'uxf-backup-cli-'));
    const exported = JSON.parse((await cli('export', '--out', out, '--db', source.databaseName)).stdout) as Record<string, unknown>;
    expect(exported).toMatchObject({ backup: 'export', collections: 3, documents: 1204 });
    const target = fresh();
    const restored = JSON.parse((await cli('restore', '--from', out, '--into', `${uri}/${target.databaseName}`)).stdout) as Record<
      string,
      unknown
    >;
    expect(restored).toMatchObject({ backup: 'restore', database: target.databaseName, documents: 1204 });
    await expect(cli('restore', '--from', out, '--into', target.databaseName)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('BACKUP_TARGET_NOT_EMPTY') as unknown,
    });
    await rm(out, { recursive: true });
  });

  it('should take --into as a database name on the source server or as a URI naming its database', () => {
    const uri = 'mongodb://127.0.0.1:27017';
    expect(targetOf(undefined, uri, 'uxflow')).toEqual({ uri, database: 'uxflow' });
    expect(targetOf('drill', uri, 'uxflow')).toEqual({ uri, database: 'drill' });
    expect(targetOf('mongodb+srv://u:p@h.example.net/restored?retryWrites=true', uri, 'uxflow')).toEqual({
      uri: 'mongodb+srv://u:p@h.example.net/restored?retryWrites=true',
      database: 'restored',
    });
    expect(targetOf('mongodb://a:1,b:2/?replicaSet=rs', uri, 'uxflow')).toEqual({
      uri: 'mongodb://a:1,b:2/?replicaSet=rs',
      database: 'uxflow',
    });
  });
});
