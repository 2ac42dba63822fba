import { defineResource } from '../../platform/resource.ts';
import { httpProbe } from '../http-probe.ts';
import { chromaConfig, chromaHeaders } from './chroma-resource.ts';

/** Chroma's heartbeat over plain HTTP: a health check need not load the whole client. */
export const chromaProbe = defineResource({
  name: 'chroma-probe',
  config: chromaConfig,
  create: (config) =>
    httpProbe('chroma', new URL('/api/v2/heartbeat', config.CHROMA_URL).href, { headers: chromaHeaders(config.CHROMA_TOKEN) }),
});
