import { randomUUID } from 'node:crypto';
import { ChromaClient, ChromaNotFoundError } from 'chromadb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

let client: ChromaClient;

beforeAll(async () => {
  const env = await ensureServices({ only: ['chroma'] });
  const url = new URL(requiredEnv(env, 'CHROMA_URL'));
  client = new ChromaClient({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    ssl: url.protocol === 'https:',
  });
}, servicesHookTimeoutMs);

// One collection per test (and per run); embeddings are passed in, so no embedding model is loaded.
const collectionName = (): string => `it-services-chroma-${randomUUID().slice(0, 8)}`;

describe('ChromaDB through the chromadb client', () => {
  it('should answer a heartbeat when the server runs', async () => {
    expect(await client.heartbeat()).toBeGreaterThan(0);
  });

  it('should return the nearest record first when queried with an embedding', async () => {
    const name = collectionName();
    const collection = await client.createCollection({ name, embeddingFunction: null });
    await collection.add({
      ids: ['north', 'east', 'south'],
      embeddings: [
        [0, 1, 0],
        [1, 0, 0],
        [0, -1, 0],
      ],
      documents: ['points north', 'points east', 'points south'],
      metadatas: [{ workspaceId: 'ws_a' }, { workspaceId: 'ws_a' }, { workspaceId: 'ws_b' }],
    });

    const result = await collection.query({ queryEmbeddings: [[0.1, 0.9, 0]], nResults: 2 });

    expect(await collection.count()).toBe(3);
    expect(result.ids[0]).toEqual(['north', 'east']);
    expect(result.documents[0]?.[0]).toBe('points north');
    await client.deleteCollection({ name });
  });

  it('should only return records of the tenant when the query filters on its metadata', async () => {
    const name = collectionName();
    const collection = await client.createCollection({ name, embeddingFunction: null });
    await collection.add({
      ids: ['a1', 'b1'],
      embeddings: [
        [1, 0],
        [0.99, 0.01],
      ],
      metadatas: [{ workspaceId: 'ws_a' }, { workspaceId: 'ws_b' }],
    });

    const result = await collection.query({ queryEmbeddings: [[0.99, 0.01]], nResults: 5, where: { workspaceId: 'ws_a' } });

    expect(result.ids[0]).toEqual(['a1']);
    await client.deleteCollection({ name });
  });

  it('should not find the collection when it was deleted', async () => {
    const name = collectionName();
    await client.createCollection({ name, embeddingFunction: null });

    await client.deleteCollection({ name });

    await expect(client.getCollection({ name })).rejects.toBeInstanceOf(ChromaNotFoundError);
  });
});
