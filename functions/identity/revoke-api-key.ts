import { createRoute } from '@hono/zod-openapi';
import { apiKeys } from '../../shared/infra/identity/api-keys-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeyFunction } from './lib/self-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/workspaces/{workspaceId}/api-keys/{keyId}',
  tags: ['identity'],
  summary: 'Revoke an API key (it stops working at once)',
  request: { params: workspaceParams.extend({ keyId: idSchema('apk') }) },
  responses: { 204: { description: 'Revoked (also when it already was)' } },
});

export default defineHttpFunction({
  ...apiKeyFunction,
  description: 'Revokes one of the workspace’s API keys.',
  route,
  handler: async (c) => {
    const { workspaceId, keyId } = c.req.valid('param');
    await c.var.use(apiKeys).revoke(workspaceId, keyId);
    return c.body(null, 204);
  },
});
