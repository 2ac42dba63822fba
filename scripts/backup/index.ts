/**
 * `npm run backup -- export --out <dir> [--uri <uri>] [--db <name>]`
 * `npm run backup -- restore --from <dir> [--into <name | mongodb://…/name>] [--force]`
 *
 * A logical backup of one database over the official driver, for any MongoDB-compatible server
 * (FerretDB locally, Atlas): every collection, its options and index definitions, documents as
 * canonical Extended JSON (sealed fields stay sealed: nothing is decrypted), a manifest with
 * counts and SHA-256 checked on restore. The source defaults to MONGODB_URI / MONGODB_DB, else the
 * development values; `--into` a name restores into that database on the same server, a URI
 * into the database its path names (the backup's own name when it names none). docs/backups.md.
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { mongoConfig } from '../../shared/infra/mongodb/mongo-resource.ts';
import { isDomainError } from '../../shared/kernel/index.ts';
import { exportDatabase } from './export.ts';
import { readManifest } from './manifest.ts';
import { restoreDatabase } from './restore.ts';

const usage =
  'usage: npm run backup -- export --out <dir> [--uri <uri>] [--db <name>] | restore --from <dir> [--into <name|uri>] [--uri <uri>] [--force]';

const defaultUri = () => process.env.MONGODB_URI ?? mongoConfig.devDefaults.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const defaultDb = () => process.env.MONGODB_DB ?? mongoConfig.devDefaults.MONGODB_DB ?? 'uxflow_dev';

/** Where `--into` points: a database name on the source server, or a URI (its path's database). */
export const targetOf = (into: string | undefined, uri: string, fallback: string): { uri: string; database: string } => {
  if (into === undefined) return { uri, database: fallback };
  if (!/^mongodb(\+srv)?:\/\//.test(into)) return { uri, database: into };
  const named = /^mongodb(?:\+srv)?:\/\/[^/?]+\/([^?]+)/.exec(into)?.[1];
  return { uri: into, database: named ? decodeURIComponent(named) : fallback };
};

const withDatabase = async <T>(uri: string, database: string, work: (db: ReturnType<MongoClient['db']>) => Promise<T>) => {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    return await work(client.db(database));
  } finally {
    await client.close();
  }
};

const run = async (argv: readonly string[]): Promise<number> => {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: [...rest],
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      into: { type: 'string' },
      uri: { type: 'string' },
      db: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const uri = values.uri ?? defaultUri();
  if (command === 'export' && values.out) {
    const started = Date.now();
    const manifest = await withDatabase(uri, values.db ?? defaultDb(), (db) => exportDatabase(db, values.out!));
    const documents = manifest.collections.reduce((sum, entry) => sum + entry.documents, 0);
    console.log(
      JSON.stringify({
        backup: 'export',
        database: manifest.database,
        collections: manifest.collections.length,
        documents,
        ms: Date.now() - started,
        out: values.out,
      }),
    );
    return 0;
  }
  if (command === 'restore' && values.from) {
    const started = Date.now();
    const target = targetOf(values.into, uri, (await readManifest(values.from)).database);
    const report = await withDatabase(target.uri, target.database, (db) => restoreDatabase(db, values.from!, { force: values.force }));
    console.log(JSON.stringify({ backup: 'restore', ...report, ms: Date.now() - started }));
    return 0;
  }
  console.error(usage);
  return 2;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    console.error(isDomainError(error) ? `${error.code}: ${error.detail ?? ''}` : error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
