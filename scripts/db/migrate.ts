import { MongoClient } from 'mongodb';
import { indexes } from '../../shared/infra/mongodb/indexes.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import { mongoConfig } from '../../shared/infra/mongodb/mongo-resource.ts';

/** Creates every index in `shared/infra/mongodb/indexes.ts` (idempotent). `npm run db:migrate`. */
export const migrate = async (uri: string, database: string): Promise<number> => {
  const client = new MongoClient(uri);
  try {
    const db = client.db(database);
    for (const index of indexes) await db.collection(index.collection).createIndex(index.keys, index.options);
    return indexes.length;
  } finally {
    await client.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig([mongoConfig]);
  console.log(`db:migrate: ${await migrate(config.MONGODB_URI, config.MONGODB_DB)} indexes on ${config.MONGODB_DB}`);
}
