import { createRoute, z } from '@hono/zod-openapi';
import { apiKeys } from '../../shared/infra/identity/api-keys-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeySchema, toApiKeyBody } from './lib/api-key-schemas.ts';
import { apiKeyFunction } from './lib/self-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/api-keys',
  tags: ['identity'],
  summary: 'List the workspace’s API keys (never the keys themselves)',
  request: { params: workspaceParams },
  responses: {
    200: json('The keys, newest first', z.object({ items: z.array(apiKeySchema) })),
  },
});

export default defineHttpFunction({
  ...apiKeyFunction,
  description: 'Lists a workspace’s API keys with prefix, permissions, expiry, revocation and last use.',
  route,
  handler: async (c) => {
    const keys = await c.var.use(apiKeys).list(c.req.valid('param').workspaceId);
    return c.json({ items: keys.map(toApiKeyBody) }, 200);
  },
});
