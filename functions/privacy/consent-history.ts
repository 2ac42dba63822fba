import { createRoute, z } from '@hono/zod-openapi';
import { consents } from '../../shared/infra/privacy/consents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { cursorCodec, page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { consentChangesSchema } from '../../shared/privacy/index.ts';
import { consentFunction } from './lib/consent-function.ts';

const entrySchema = z
  .object({
    seq: z.number().int().openapi({ description: '1, 2, 3… per person' }),
    userId: z.string(),
    at: z.string().datetime(),
    changes: consentChangesSchema,
    textVersion: z.string(),
    ipHash: z.string().openapi({ description: 'A keyed hash of the client address (the address is not kept)' }),
  })
  .openapi('ConsentHistoryEntry');

const historyCursor = cursorCodec(z.object({ seq: z.number().int().min(1) }));

const route = createRoute({
  method: 'get',
  path: '/v1/me/consents/history',
  tags: ['privacy'],
  summary: 'Every change of the caller’s consents, newest first',
  request: { query: pageQuery(50) },
  responses: {
    200: json('A page of changes', pageOf(entrySchema)),
    400: problem('INVALID_CURSOR'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...consentFunction,
  description: 'Lists every change of the caller’s consents (who, when, which text version, address hash), newest first.',
  route,
  handler: async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const beforeSeq = cursor === undefined ? {} : { beforeSeq: historyCursor.decode(cursor).seq };
    const read = (n: number) => c.var.use(consents).history(c.var.auth.userId, { ...beforeSeq, limit: n });
    const { items, next } = await page(limit, read, (last) => historyCursor.encode({ seq: last.seq }));
    c.header('cache-control', 'no-store');
    const body = items.map(({ seq, userId, at, changes, textVersion, ipHash }) => ({
      seq,
      userId,
      at: at.toISOString(),
      changes,
      textVersion,
      ipHash,
    }));
    return c.json({ items: body, nextCursor: next }, 200);
  },
});
