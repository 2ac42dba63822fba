import { createRoute, z } from '@hono/zod-openapi';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { readAsset } from '../../shared/platform/http/static-assets.ts';
import { apiReferenceFunction } from './lib/api-reference.ts';

export default defineHttpFunction({
  ...apiReferenceFunction,
  description: "Serves the API reference page's renderer (Scalar's self-contained browser build), so the page needs no CDN.",
  route: createRoute({
    method: 'get',
    path: '/docs/api-reference.js',
    tags: ['ops'],
    summary: "The API reference page's script",
    responses: {
      200: { description: 'JavaScript', content: { 'text/javascript': { schema: z.string() } } },
    },
  }),
  handler: async (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    // A day: the file changes only with a release; browsers revalidate after.
    c.header('cache-control', 'public, max-age=86400');
    return c.body(new Uint8Array(await readAsset('apiReferenceScript')), 200);
  },
});
