import { createRoute, z } from '@hono/zod-openapi';
import { privacyExports } from '../../shared/infra/privacy/exports-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { exportFunction, exportViewSchema, toExportBody } from './lib/export-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me/privacy/exports/{exportId}',
  tags: ['privacy'],
  summary: 'One of the caller’s exports: its state and, once built, a signed download link valid 24 hours',
  request: { params: z.object({ exportId: idSchema('pex') }) },
  responses: {
    200: json('The export', exportViewSchema),
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    404: problem('EXPORT_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...exportFunction,
  uses: [privacyExports],
  description: 'Shows the state of one of the caller’s exports and, when built, its signed 24-hour download link.',
  route,
  handler: async (c) => {
    const view = await c.var.use(privacyExports).view(c.var.auth.userId, c.req.valid('param').exportId);
    c.header('cache-control', 'no-store');
    return c.json(toExportBody(view), 200);
  },
});
