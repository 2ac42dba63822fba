import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';

const http = (await loadDefinitions()).map(({ definition }) => definition).filter((d): d is HttpFunctionDefinition => d.kind === 'http');

describe('rate limits of the registered HTTP functions', () => {
  it.each(http.map((d) => [d.name, d] as const))('should name a rate limiter when %s has a limited class', (_name, definition) => {
    const isLimited = definition.rateLimit !== 'none' && definition.rateLimit !== 'webhook';
    expect({ rateLimit: definition.rateLimit, hasLimiter: definition.rateLimiter !== undefined }).toEqual({
      rateLimit: definition.rateLimit,
      hasLimiter: isLimited,
    });
  });
});
