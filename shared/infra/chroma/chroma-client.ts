import { ChromaClient } from 'chromadb';
import { defineResource } from '../../platform/resource.ts';
import { chromaAddress, chromaConfig, chromaHeaders } from './chroma-resource.ts';

/** The ChromaDB client (vectors for the knowledge domain). */
export const chroma = defineResource({
  name: 'chroma',
  config: chromaConfig,
  create: (config) => new ChromaClient({ ...chromaAddress(config.CHROMA_URL), headers: chromaHeaders(config.CHROMA_TOKEN) }),
});
