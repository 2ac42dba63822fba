import { MongoClient } from 'mongodb';
import { createEmailIndex } from '../../shared/infra/crypto/blind-index.ts';
import { mongoConfig } from '../../shared/infra/mongodb/mongo-resource.ts';
import { blindIndexConfig } from '../../shared/infra/privacy/privacy-config.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import type { CollectionDeclaration, IndexDeclaration } from '../../shared/infra/mongodb/collection.ts';
import { loadCollections } from './collections.ts';

/** Every index the migration creates, with the collection it is created on. */
export const indexPlan = (
  collections: readonly { collection: CollectionDeclaration }[],
): { collection: CollectionDeclaration; index: IndexDeclaration }[] =>
  collections.flatMap(({ collection }) => collection.indexes.map((index) => ({ collection, index })));

/** Indexes the code no longer relies on, dropped by the migration. */
export const retiredIndexes: readonly { collection: string; name: string }[] = [
  // Addresses are sealed: one account per address is now `users_email_index_unique`, on the blind index.
  { collection: 'users', name: 'users_email_unique' },
];

/**
 * Fills the blind index of accounts written before it existed (from their plain address), so the
 * unique index on it can be built and still holds every account. Conditioned on the address read:
 * a document changed meanwhile is left for the next run. `npm run privacy -- seal-existing` then
 * seals the addresses themselves.
 */
const fillEmailIndexes = async (db: ReturnType<MongoClient['db']>, blindIndexKey: string | undefined): Promise<number> => {
  const users = db.collection<{ _id: string; email?: unknown; emailIndex?: string }>('users');
  const missing = await users.find({ emailIndex: { $exists: false } }, { projection: { email: 1 } }).toArray();
  if (missing.length === 0) return 0;
  if (!blindIndexKey) throw new Error(`db:migrate: ${missing.length} accounts have no blind index yet: set PRIVACY_BLIND_INDEX_KEY`);
  const indexOf = createEmailIndex(Buffer.from(blindIndexKey, 'base64'));
  let filled = 0;
  for (const { _id, email } of missing) {
    if (typeof email !== 'string') continue;
    filled += (await users.updateOne({ _id, email, emailIndex: { $exists: false } }, { $set: { emailIndex: indexOf(email) } }))
      .modifiedCount;
  }
  return filled;
};

/**
 * Creates every index the stores' collection declarations name (`defineCollection` in
 * shared/infra; idempotent), after filling the fields a new unique index needs, then drops the
 * retired ones. `npm run db:migrate`; `npm run dev` and the tests run it themselves.
 */
export const migrate = async (uri: string, database: string, options: { blindIndexKey?: string } = {}): Promise<number> => {
  const collections = await loadCollections();
  const client = new MongoClient(uri);
  try {
    const db = client.db(database);
    await fillEmailIndexes(db, options.blindIndexKey);
    let created = 0;
    for (const { collection, index } of indexPlan(collections)) {
      const { name, keys, unique } = index;
      await db.collection(collection.name).createIndex(keys, { name, ...(unique ? { unique } : {}) });
      created += 1;
    }
    for (const { collection, name } of retiredIndexes) {
      const exists = (
        await db
          .collection(collection)
          .indexes()
          .catch(() => [])
      ).some((index) => index.name === name);
      if (exists) await db.collection(collection).dropIndex(name);
    }
    return created;
  } finally {
    await client.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig([mongoConfig]);
  const { PRIVACY_BLIND_INDEX_KEY } = loadConfig([blindIndexConfig]);
  const created = await migrate(config.MONGODB_URI, config.MONGODB_DB, { blindIndexKey: PRIVACY_BLIND_INDEX_KEY });
  console.log(`db:migrate: ${created} indexes on ${config.MONGODB_DB}`);
}
