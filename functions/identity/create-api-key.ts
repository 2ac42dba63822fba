import { createRoute, z } from '@hono/zod-openapi';
import { apiKeys } from '../../shared/infra/identity/api-keys-resource.ts';
import { workspacePermissions } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeySchema, toApiKeyBody } from './lib/api-key-schemas.ts';
import { apiKeyFunction } from './lib/self-function.ts';

const bodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.enum(workspacePermissions)).min(1).max(workspacePermissions.length),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/api-keys',
  tags: ['identity'],
  summary: 'Create an API key; the key is shown in this answer only',
  request: { params: workspaceParams, body: jsonBody(bodySchema) },
  responses: {
    201: json('The key', apiKeySchema.extend({ key: z.string() })),
    400: problem('VALIDATION_FAILED (an unknown permission among them) or API_KEY_EXPIRY_IN_PAST'),
    403: problem('PERMISSION_DENIED, or API_KEY_PERMISSION_BEYOND_ROLE naming `permissions` the creator’s role lacks'),
    422: problem('API_KEY_PERMISSION_UNUSABLE naming `permissions` no endpoint accepting keys honours, and `usablePermissions`'),
  },
});

export default defineHttpFunction({
  ...apiKeyFunction,
  description:
    'Creates a workspace API key (`uxf_…`) with permissions up to the creator’s role, among those some key-accepting endpoint honours; stores only its hash.',
  route,
  handler: async (c) => {
    const { name, permissions, expiresAt } = c.req.valid('json');
    const { auth } = c.var;
    const creator = { userId: auth.userId, role: auth.workspace?.role ?? 'viewer' };
    const input = { name, permissions, expiresAt: expiresAt ? new Date(expiresAt) : null };
    const { record, key } = await c.var.use(apiKeys).create(c.req.valid('param').workspaceId, creator, input);
    c.header('cache-control', 'no-store');
    return c.json({ ...toApiKeyBody(record), key }, 201);
  },
});
