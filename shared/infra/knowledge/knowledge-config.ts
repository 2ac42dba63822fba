import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

/** Where the knowledge collections live in Chroma (tests use a prefix of their own). */
export const knowledgeConfig = defineConfig({
  name: 'knowledge',
  shape: {
    /** Collections are `<prefix>-global` and `<prefix>-ws-<workspaceId>`. */
    KNOWLEDGE_COLLECTION_PREFIX: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and hyphens, at most 40')
      .default('uxflow'),
  },
  devDefaults: {},
});
