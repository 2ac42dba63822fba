import { createRoute, z } from '@hono/zod-openapi';
import { erasureReceipts } from '../../shared/infra/privacy/erasure-receipts-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';

const storeOutcomeSchema = z.object({
  store: z.string().openapi({ description: '`mongodb`, `redis`, `chroma` or `stripe`' }),
  name: z.string(),
  action: z.string(),
  count: z.number().int(),
  note: z.string().optional(),
});

const receiptSchema = z
  .object({
    id: z.string(),
    requestedAt: z.string().datetime(),
    scheduledFor: z.string().datetime(),
    startedAt: z.string().datetime(),
    completedAt: z.string().datetime(),
    stores: z.array(storeOutcomeSchema).openapi({ description: 'Every store of the data map, what the erasure did there, and counts' }),
    hashAlgorithm: z.string(),
    hash: z.string().openapi({ description: 'SHA-256 (hex) of the RFC 8785 canonical JSON of this receipt without `hash`: keep it' }),
  })
  .openapi('ErasureReceipt');

const route = createRoute({
  method: 'get',
  path: '/v1/privacy/erasure-receipts/{id}',
  tags: ['privacy'],
  summary: 'The receipt of a finished erasure, for the holder of its token (the account is gone)',
  request: {
    params: z.object({ id: z.string().regex(/^era_[0-9a-z]{20}$/, 'must be an erasure receipt id') }),
    query: z.object({ token: z.string().min(1).max(100) }),
  },
  responses: {
    200: json('The receipt', receiptSchema),
    400: problem('VALIDATION_FAILED'),
    404: problem('ERASURE_RECEIPT_NOT_FOUND (unknown id or wrong token: the same answer)'),
    409: problem('ERASURE_RECEIPT_PENDING: the erasure has not finished'),
  },
});

export default defineHttpFunction({
  description: 'Hands the receipt of a finished erasure to whoever holds its token (shown with the request).',
  route,
  access: publicAccess('the account is erased, so no sign-in is left; the token shown with the request is the proof'),
  rateLimit: rateLimited.public,
  uses: [erasureReceipts],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: {
    // The receipt names nobody; its store module also holds the run records, which carry the user id.
    personalData: ['identity'],
    purpose: 'hand the person the receipt of their erasure (the right to erasure, accountability)',
    legalBasis: 'legal-obligation',
  },
  handler: async (c) => {
    const receipt = await c.var.use(erasureReceipts).read(c.req.valid('param').id, c.req.valid('query').token);
    c.header('cache-control', 'no-store');
    return c.json(receipt, 200);
  },
});
