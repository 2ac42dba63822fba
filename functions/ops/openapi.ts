import { createRoute, z } from '@hono/zod-openapi';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { readAsset } from '../../shared/platform/http/static-assets.ts';
import { apiReferenceFunction } from './lib/api-reference.ts';

let parsed: Promise<Record<string, unknown>> | undefined;
/** The contract, parsed once per instance. */
const contract = () =>
  (parsed ??= readAsset('openapi')
    .then((bytes) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>)
    .catch((error: unknown) => {
      parsed = undefined;
      throw error;
    }));

export default defineHttpFunction({
  ...apiReferenceFunction,
  description: 'Publishes the API contract (OpenAPI 3.1) as JSON, for the reference page and client generators.',
  route: createRoute({
    method: 'get',
    path: '/openapi.json',
    tags: ['ops'],
    summary: 'The API contract (OpenAPI 3.1) as JSON',
    responses: {
      200: { description: 'The contract', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    },
  }),
  handler: async (c) => {
    // Built with the release (dist/assets): it changes only with a deploy, so a CDN may keep it a while.
    c.header('cache-control', 'public, max-age=300, stale-while-revalidate=60');
    return c.json(await contract(), 200);
  },
});
