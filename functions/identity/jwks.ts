import { createRoute, z } from '@hono/zod-openapi';
import { signingKeys } from '../../shared/infra/jose/signing-keys-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const jwkSchema = z.object({
  kty: z.string(),
  crv: z.string(),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.string(),
  use: z.string(),
});
const jwksSchema = z.object({ keys: z.array(jwkSchema) }).openapi('JsonWebKeySet');

export default defineHttpFunction({
  description: 'Publishes the public keys that verify our access tokens: the current, the next and those still valid.',
  route: createRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    tags: ['identity'],
    summary: 'JSON Web Key Set of the access-token signing keys',
    responses: { 200: json('The key set', jwksSchema) },
  }),
  access: publicAccess('public keys are meant to be fetched by anyone verifying our tokens'),
  rateLimit: rateLimited.public,
  uses: [signingKeys],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'critical' },
  privacy: { personalData: 'none' },
  handler: async (c) => {
    const { store, schedule } = c.var.use(signingKeys);
    const now = new Date();
    let keys = await store.publicKeys(now);
    // A fresh installation has no key until the first login or rotation: make the current one.
    if (!keys.some((key) => key.kid === schedule.kidOf(schedule.periodOf(now)))) {
      await store.ensure(schedule.periodOf(now), now);
      keys = await store.publicKeys(now);
    }
    // Cacheable by a CDN for 5 minutes; the next key is published a whole period before it signs.
    c.header('cache-control', 'public, max-age=300, stale-while-revalidate=60');
    return c.json({ keys: keys.map((jwk) => jwkSchema.parse(jwk)) }, 200);
  },
});
