import { createHash } from 'node:crypto';
import type { OpenAIProvider } from '@ai-sdk/openai';
import type { embedMany as EmbedMany } from 'ai';
import type { Db } from 'mongodb';
import { knowledgeErrors, type Embedder } from '../../knowledge/index.ts';
import type { ConfigOf } from '../../platform/config/index.ts';
import type { embeddingsConfig } from './embeddings-config.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { createSecretSource } from '../secrets/secret-source.ts';
import type * as EmbeddingSdk from './embedding-sdk.ts';

export const embeddingCacheCollection = defineCollection({
  name: 'knowledge_embedding_cache',
  privacy: {
    classes: ['user-content'],
    personalData: ['content'],
    retention: 'operational',
    subject: null,
    export: { none: 'vectors keyed by a digest of model and passage: no text, no id (the documents are exported)' },
    erase: { none: 'unlinked by construction (no id); a vector is not the passage, but see docs/privacy.md on inversion' },
  },
});

interface CachedVector {
  _id: string;
  model: string;
  vector: number[];
  schemaVersion: 1;
}

const hashOf = (model: string, text: string) => createHash('sha256').update(model).update('\0').update(text).digest('base64url');

/**
 * The embedding port over the Vercel AI SDK (`embedMany` with the OpenAI provider pointed at any
 * compatible base URL). Passage vectors are cached in MongoDB by a hash of model and text, so an
 * unchanged chunk (a re-seeded article, a document uploaded twice, a test run again) is not embedded
 * again. Any provider failure is KNOWLEDGE_UNAVAILABLE (503): the caller retries later.
 * The SDK is loaded on the first embedding: evaluating it (and the provider's response schemas)
 * costs a cold start ~15 ms of CPU that document reads and refused requests never need.
 */
export const createAiEmbedder = (config: ConfigOf<typeof embeddingsConfig>, db: Db): Embedder => {
  let sdk: Promise<typeof EmbeddingSdk> | undefined;
  const loadEmbeddingSdk = () => (sdk ??= import('./embedding-sdk.ts'));
  // The key of the moment: the mounted file's when the deployment sets EMBEDDINGS_API_KEY_FILE
  // (re-read when it changes, so the key rotates without a redeploy), else the variable's.
  const apiKey = createSecretSource({ value: config.EMBEDDINGS_API_KEY, file: config.EMBEDDINGS_API_KEY_FILE || undefined });
  let client: { apiKey: string; provider: OpenAIProvider } | undefined;
  const loadSdk = async (): Promise<{ embedMany: typeof EmbedMany; provider: OpenAIProvider }> => {
    const [{ embedMany, createOpenAI }, key] = await Promise.all([
      loadEmbeddingSdk(),
      apiKey.current().catch(() => config.EMBEDDINGS_API_KEY),
    ]);
    if (client?.apiKey !== key) client = { apiKey: key, provider: createOpenAI({ baseURL: config.EMBEDDINGS_BASE_URL, apiKey: key }) };
    return { embedMany, provider: client.provider };
  };
  const cache = embeddingCacheCollection.in<CachedVector>(db);
  const model = config.EMBEDDINGS_MODEL;

  const embed = async (modelId: string, values: string[], timeoutMs: number, maxRetries: number): Promise<number[][]> => {
    try {
      const { embedMany, provider } = await loadSdk();
      const { embeddings } = await embedMany({
        model: provider.embedding(modelId),
        values,
        maxRetries,
        maxParallelCalls: 1,
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
      return embeddings;
    } catch (cause) {
      throw knowledgeErrors.unavailable('embedder', cause);
    }
  };

  return {
    model,
    embedPassages: async (texts) => {
      const keys = texts.map((text) => hashOf(model, text));
      const found = new Map((await cache.find({ _id: { $in: [...new Set(keys)] } }).toArray()).map((hit) => [hit._id, hit.vector]));
      const missing = [...new Set(keys.filter((key) => !found.has(key)))];
      const textOf = new Map(keys.map((key, index) => [key, texts[index] ?? '']));
      for (let start = 0; start < missing.length; start += config.EMBEDDINGS_BATCH_SIZE) {
        const batch = missing.slice(start, start + config.EMBEDDINGS_BATCH_SIZE);
        const vectors = await embed(
          model,
          batch.map((key) => textOf.get(key) ?? ''),
          300_000,
          2,
        );
        const records = batch.map((key, index) => ({ _id: key, model, vector: vectors[index] ?? [], schemaVersion: 1 as const }));
        records.forEach((record) => found.set(record._id, record.vector));
        // Unordered: a vector another writer cached meanwhile is a harmless duplicate.
        await cache.insertMany(records, { ordered: false }).catch(() => undefined);
      }
      return keys.map((key) => found.get(key) ?? []);
    },
    embedQuestion: async (text) => {
      const [vector] = await embed(config.EMBEDDINGS_QUERY_MODEL ?? model, [text], 20_000, 0);
      return vector ?? [];
    },
  };
};
