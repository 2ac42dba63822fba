import { createRoute, z } from '@hono/zod-openapi';
import { apiKeyRotationOverlap } from '../../shared/identity/api-key-service.ts';
import { apiKeys } from '../../shared/infra/identity/api-keys-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { apiKeySchema, toApiKeyBody } from './lib/api-key-schemas.ts';
import { apiKeyFunction } from './lib/self-function.ts';

const bodySchema = z.object({
  overlapMinutes: z
    .number()
    .int()
    .min(0)
    .max(apiKeyRotationOverlap.maxMinutes)
    .default(apiKeyRotationOverlap.defaultMinutes)
    .openapi({ description: 'How long the old key keeps working (0: it stops now)' }),
});

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/api-keys/{keyId}/rotate',
  tags: ['identity'],
  summary: 'Replace an API key; the old one works until the overlap ends',
  request: { params: workspaceParams.extend({ keyId: idSchema('apk') }), body: jsonBody(bodySchema) },
  responses: {
    201: json(
      'The new key (shown in this answer only) and when the old one stops',
      apiKeySchema.extend({ key: z.string(), previousKey: z.object({ id: z.string(), expiresAt: z.string().datetime() }) }),
    ),
    403: problem('PERMISSION_DENIED, or API_KEY_PERMISSION_BEYOND_ROLE when the key holds more than the rotator’s role'),
    404: problem('API_KEY_NOT_FOUND'),
    409: problem('API_KEY_ALREADY_ROTATED (rotate its successor) or API_KEY_NOT_USABLE (revoked or expired)'),
  },
});

export default defineHttpFunction({
  ...apiKeyFunction,
  description:
    'Rotates a workspace API key: a new key with the same name, permissions and expiry; the old one keeps working for the overlap. One rotation per key wins.',
  route,
  handler: async (c) => {
    const { workspaceId, keyId } = c.req.valid('param');
    const { overlapMinutes } = c.req.valid('json');
    const { auth } = c.var;
    const rotator = { userId: auth.userId, role: auth.workspace?.role ?? 'viewer' };
    const { record, key, previous } = await c.var.use(apiKeys).rotate(workspaceId, keyId, rotator, overlapMinutes);
    c.header('cache-control', 'no-store');
    return c.json({ ...toApiKeyBody(record), key, previousKey: { id: previous.id, expiresAt: previous.expiresAt.toISOString() } }, 201);
  },
});
