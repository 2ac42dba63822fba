import { createRoute } from '@hono/zod-openapi';
import { DomainError, idSchema } from '../../shared/kernel/index.ts';
import { apiKeyStore } from '../../shared/infra/mongodb/api-key-store.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeyFunction } from './lib/api-key-schemas.ts';

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
  name: 'identity-revoke-api-key',
  description: 'Revokes one of the workspace’s API keys.',
  route,
  handler: async (c) => {
    const { workspaceId, keyId } = c.req.valid('param');
    const found = await c.var.use(apiKeyStore).revoke(workspaceId, keyId, new Date());
    if (!found) throw new DomainError('not_found', 'API_KEY_NOT_FOUND', { detail: 'No such API key in this workspace.' });
    return c.body(null, 204);
  },
});
