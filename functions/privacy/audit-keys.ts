import { createRoute, z } from '@hono/zod-openapi';
import { auditKeys } from '../../shared/infra/audit/audit-keys-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';

const keySchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

export default defineHttpFunction({
  description:
    'Publishes the Ed25519 public keys that verify the audit log’s signed checkpoints (every key ever used: checkpoints stay verifiable).',
  route: createRoute({
    method: 'get',
    path: '/.well-known/audit-keys.json',
    tags: ['privacy'],
    summary: 'JSON Web Key Set of the audit checkpoint keys',
    responses: { 200: json('The key set', z.object({ keys: z.array(keySchema) }).openapi('AuditKeySet')) },
  }),
  access: publicAccess('public keys are meant to be fetched by anyone verifying an audit export'),
  rateLimit: rateLimited.public,
  uses: [auditKeys],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: { personalData: 'none' },
  handler: async (c) => {
    const keys = c.var.use(auditKeys);
    // A fresh installation has no key until the first checkpoint: make this year's.
    let published = await keys.publicKeys();
    if (published.length === 0) {
      await keys.ensure(new Date());
      published = await keys.publicKeys();
    }
    c.header('cache-control', 'public, max-age=300, stale-while-revalidate=60');
    return c.json({ keys: published }, 200);
  },
});
