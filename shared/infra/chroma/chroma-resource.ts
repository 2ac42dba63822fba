import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

export const chromaConfig = defineConfig({
  name: 'chroma',
  shape: {
    CHROMA_URL: z.url(),
    /** Sent as `x-chroma-token` when set (Chroma's token auth). */
    CHROMA_TOKEN: z.string().optional(),
  },
  devDefaults: { CHROMA_URL: 'http://127.0.0.1:8000' },
});

/** Host, port and TLS from a URL, as the Chroma client wants them. */
export const chromaAddress = (url: string) => {
  const parsed = new URL(url);
  const ssl = parsed.protocol === 'https:';
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : ssl ? 443 : 80, ssl };
};

export const chromaHeaders = (token: string | undefined): Record<string, string> => (token ? { 'x-chroma-token': token } : {});
