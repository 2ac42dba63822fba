import { MongoClient } from 'mongodb';
import { mongoConfig } from '../../shared/infra/mongodb/mongo-resource.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import type { CollectionDeclaration, IndexDeclaration } from '../../shared/infra/mongodb/collection.ts';
import { loadCollections } from './collections.ts';

/** Every index the migration creates, with the collection it is created on. */
export const indexPlan = (
  collections: readonly { collection: CollectionDeclaration }[],
): { collection: CollectionDeclaration; index: IndexDeclaration }[] =>
  collections.flatMap(({ collection }) => collection.indexes.map((index) => ({ collection, index })));

/**
 * Creates every index the stores' collection declarations name (`defineCollection` in
 * shared/infra; idempotent). `npm run db:migrate`; `npm run dev` and the tests run it themselves.
 */
export const migrate = async (uri: string, database: string): Promise<number> => {
  const collections = await loadCollections();
  const client = new MongoClient(uri);
  try {
    const db = client.db(database);
    let created = 0;
    for (const { collection, index } of indexPlan(collections)) {
      const { name, keys, unique } = index;
      await db.collection(collection.name).createIndex(keys, { name, ...(unique ? { unique } : {}) });
      created += 1;
    }
    return created;
  } finally {
    await client.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig([mongoConfig]);
  console.log(`db:migrate: ${await migrate(config.MONGODB_URI, config.MONGODB_DB)} indexes on ${config.MONGODB_DB}`);
}
