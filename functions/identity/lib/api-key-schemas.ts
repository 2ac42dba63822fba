import { z } from '@hono/zod-openapi';
import type { ApiKeyRecord } from '../../../shared/identity/api-keys.ts';
import { workspacePermissions } from '../../../shared/kernel/index.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { apiKeys } from '../../../shared/infra/identity/api-keys-resource.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart' }),
    permissions: z.array(z.enum(workspacePermissions)),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

export const toApiKeyBody = (key: ApiKeyRecord): z.infer<typeof apiKeySchema> => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  permissions: [...key.permissions],
  createdBy: key.createdBy,
  createdAt: key.createdAt.toISOString(),
  expiresAt: key.expiresAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
});

/** What every API-key function shares: owners and admins manage keys, with a user token only. */
export const apiKeyFunction = {
  domain: 'identity',
  access: { type: 'authenticated', credentials: ['jwt'], permission: 'apikeys:manage' },
  authenticator: jwtAuthenticator,
  rateLimit: 'api',
  rateLimiter,
  uses: [apiKeys],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'standard' },
  privacy: { personalData: ['identity', 'usage'], purpose: 'let workspace members manage and audit API keys', legalBasis: 'contract' },
} as const;
