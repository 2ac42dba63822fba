import { createRoute } from '@hono/zod-openapi';
import { auditLog } from '../../shared/infra/audit/audit-log-resource.ts';
import { securityEvents } from '../../shared/infra/mongodb/security-events-resource.ts';
import { recordExport } from '../../shared/infra/security/export-signal.ts';
import { privacyExports } from '../../shared/infra/privacy/exports-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { exportFunction, exportViewSchema, toExportBody } from './lib/export-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/me/privacy/export',
  tags: ['privacy'],
  summary: 'Ask for a copy of everything held about the caller (a ZIP of JSON and CSV, built in the background)',
  responses: {
    202: json('Accepted: poll the export (asking while one is being built answers that one)', exportViewSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...exportFunction,
  uses: [...exportFunction.uses, securityEvents],
  description: 'Starts an export of everything held about the caller; one export per person is built at a time.',
  route,
  handler: async (c) => {
    const userId = c.var.auth.userId;
    const { view } = await c.var.use(privacyExports).request(userId, { by: 'self' });
    // Recorded on every answer, idempotent on the key: a retry after a failed record records it.
    await c.var.use(auditLog).record({
      action: 'privacy.export_requested',
      target: { type: 'privacy_export', id: view.id },
      subjectId: userId,
      key: `export:${view.id}`,
    });
    await recordExport(c, 'privacy_export');
    c.header('cache-control', 'no-store');
    c.header('location', `/v1/me/privacy/exports/${view.id}`);
    return c.json(toExportBody(view), 202);
  },
});
