import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

/** Drops what a run stored: its database (MONGODB_DB) and its Chroma collections (KNOWLEDGE_COLLECTION_PREFIX). */
export const dropRunData = async (env: Record<string, string>) => {
  const runtime = createRuntime({ name: 'bench-load', uses: [mongo, chroma] }, env);
  try {
    const client = await runtime.use(chroma).client();
    for (const collection of await client.listCollections()) {
      if (collection.name.startsWith(env.KNOWLEDGE_COLLECTION_PREFIX!)) await client.deleteCollection({ name: collection.name });
    }
    await runtime.use(mongo).db.dropDatabase();
  } finally {
    await runtime.close();
  }
};
