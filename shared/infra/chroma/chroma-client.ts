import type { ChromaClient } from 'chromadb';
import { defineResource } from '../../platform/resource.ts';
import { chromaAddress, chromaConfig, chromaHeaders } from './chroma-resource.ts';

/** The ChromaDB client of an instance, made on its first call. */
export interface ChromaConnection {
  client: () => Promise<ChromaClient>;
}

/**
 * The ChromaDB client (vectors for the knowledge domain). The package is loaded on the first call:
 * loading it builds a default HTTP client with Node's fetch classes, which loads undici (~20 ms of
 * CPU, docs/platform.md "Bundles and cold starts"), and most requests of a knowledge function (a
 * document read, a refusal) never reach Chroma.
 */
export const chroma = defineResource({
  name: 'chroma',
  config: chromaConfig,
  create: (config): ChromaConnection => {
    let client: Promise<ChromaClient> | undefined;
    return {
      client: () =>
        (client ??= import('chromadb').then(
          ({ ChromaClient }) => new ChromaClient({ ...chromaAddress(config.CHROMA_URL), headers: chromaHeaders(config.CHROMA_TOKEN) }),
        )),
    };
  },
});
