import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../scripts/gen/openapi/openapi-document.ts';
import { cronFunction, httpFunction } from './fixtures.ts';

const definitions = [
  httpFunction(),
  httpFunction({ name: 'flows-create', method: 'post', path: '/v1/flows', credits: 'ai.generate' }),
  httpFunction({ name: 'ops-not-found', domain: 'ops', path: '/*', hide: true }),
  cronFunction(),
];
const document = buildOpenApiDocument(definitions, { version: '9.9.9' });

describe('buildOpenApiDocument', () => {
  it('should document every visible route under its function name as operationId', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual({ title: 'UX Flow Engine API', version: '9.9.9' });
    expect(Object.keys(document.paths ?? {})).toEqual(['/v1/flows', '/v1/flows/{flowId}']);
    expect(document.paths?.['/v1/flows/{flowId}']?.get?.operationId).toBe('flows-get');
    expect(document.paths?.['/v1/flows']?.post?.operationId).toBe('flows-create');
  });

  it('should carry access, rate limit and credits as extensions when a function declares them', () => {
    const operation = document.paths?.['/v1/flows']?.post;
    expect(operation?.['x-function']).toBe('flows-create');
    expect(operation?.['x-access']).toEqual({ type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' });
    expect(operation?.['x-rate-limit']).toBe('api');
    expect(operation?.['x-credits']).toBe('ai.generate');
    expect(document.paths?.['/v1/flows/{flowId}']?.get).not.toHaveProperty('x-credits');
  });

  it('should answer errors with the Problem schema when any operation fails', () => {
    const failure = document.paths?.['/v1/flows/{flowId}']?.get?.responses?.default as { content: Record<string, { schema: unknown }> };
    expect(failure.content['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(document.components?.schemas).toHaveProperty('Problem');
  });
});
