import { createRoute, z } from '@hono/zod-openapi';
import { auditLog } from '../../shared/infra/audit/audit-log-resource.ts';
import { privacyExports } from '../../shared/infra/privacy/exports-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { exportPrivacy } from './lib/export-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/privacy/exports/{exportId}/download',
  tags: ['privacy'],
  summary: 'Download a built export through its signed link (no token: the signature is the credential)',
  request: {
    params: z.object({ exportId: idSchema('pex') }),
    query: z.object({ expires: z.coerce.number().int().positive(), signature: z.string().min(1).max(100) }),
  },
  responses: {
    200: { description: 'The ZIP archive', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
    400: problem('VALIDATION_FAILED'),
    403: problem('EXPORT_LINK_INVALID (a wrong or expired signature)'),
    404: problem('EXPORT_GONE'),
  },
});

export default defineHttpFunction({
  description: 'Serves a built export’s ZIP to whoever holds its signed link, for 24 hours.',
  access: publicAccess(
    'a signed, expiring link the export owner got from their own authenticated request; a browser download cannot carry a bearer token',
  ),
  rateLimit: rateLimited.public,
  uses: [privacyExports, auditLog],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: exportPrivacy,
  route,
  handler: async (c) => {
    const { exportId } = c.req.valid('param');
    const { expires, signature } = c.req.valid('query');
    const { job, archive } = await c.var.use(privacyExports).download(exportId, expires, signature);
    await c.var.use(auditLog).record({
      action: 'privacy.export_downloaded',
      actor: { type: 'anonymous', id: null, userId: null },
      target: { type: 'privacy_export', id: job.id },
      subjectId: job.userId,
    });
    return c.body(archive as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="uxflow-export-${job.id}.zip"`,
      'cache-control': 'private, no-store',
    });
  },
});
