import { createRoute, z } from '@hono/zod-openapi';
import { apiKeyPrefix, checkNewApiKey, type ApiKeyRecord } from '../../shared/identity/api-keys.ts';
import { newSecret } from '../../shared/identity/secrets.ts';
import { newId, workspacePermissions } from '../../shared/kernel/index.ts';
import { apiKeyStore } from '../../shared/infra/mongodb/api-key-store.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeyFunction, apiKeySchema, toApiKeyBody } from './lib/api-key-schemas.ts';

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
  },
});

export default defineHttpFunction({
  ...apiKeyFunction,
  name: 'identity-create-api-key',
  description: 'Creates a workspace API key (`uxf_…`) with permissions up to the creator’s role; stores only its hash.',
  route,
  handler: async (c) => {
    const { workspaceId } = c.req.valid('param');
    const input = c.req.valid('json');
    const now = new Date();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    const auth = c.var.auth;
    checkNewApiKey({ permissions: input.permissions, expiresAt }, auth.workspace?.role ?? 'viewer', now);
    const key = newSecret('uxf');
    const record: ApiKeyRecord = {
      id: newId('apk'),
      workspaceId,
      name: input.name,
      prefix: apiKeyPrefix(key),
      permissions: [...new Set(input.permissions)],
      createdBy: auth.userId,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await c.var.use(apiKeyStore).insert(record, key);
    c.header('cache-control', 'no-store');
    return c.json({ ...toApiKeyBody(record), key }, 201);
  },
});
