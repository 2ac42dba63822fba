import { MongoClient } from 'mongodb';
import { mongoConfig } from '../../shared/infra/mongodb/mongo-resource.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import { loadCollections } from './collections.ts';

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
    for (const { collection } of collections) {
      for (const { name, keys, unique } of collection.indexes) {
        await db.collection(collection.name).createIndex(keys, { name, ...(unique ? { unique } : {}) });
        created += 1;
      }
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
