import { securityEvents } from '../../shared/infra/mongodb/security-events-resource.ts';
import { recordExport } from '../../shared/infra/security/export-signal.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { jwtOrApiKey } from '../../shared/infra/auth/jwt-authenticator.ts';
import { auditReader } from '../../shared/infra/audit/audit-resources.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf } from '../../shared/platform/http/paging.ts';
import { problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { auditPrivacy } from './lib/audit-function.ts';
import { auditEntrySchema, memberActor, seqCursor, toEntryBody } from './lib/audit-schemas.ts';

const query = z.object({
  format: z
    .enum(['json', 'jsonl'])
    .default('json')
    .openapi({ description: '`jsonl`: the chain in number order as JSON Lines, to verify offline' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The `nextCursor` (JSON) or the `next` link’s cursor (JSON Lines) of the previous page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'JSON: 1–100, default 50; JSON Lines: 1–1000, default 1000' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/audit',
  tags: ['privacy'],
  summary: 'The workspace’s own audit entries (enterprise plan); `format=jsonl` exports its chain',
  request: { params: workspaceParams, query },
  responses: {
    200: {
      description:
        'A page of entries, newest first (JSON), or the chain in number order with its checkpoints on the last page (JSON Lines)',
      content: {
        'application/json': { schema: pageOf(auditEntrySchema) },
        'application/jsonl': {
          schema: z.string().openapi({ description: 'One `{"kind":"entry",…}` or `{"kind":"checkpoint",…}` object per line' }),
        },
      },
    },
    400: problem('VALIDATION_FAILED or INVALID_CURSOR'),
    402: problem('AUDIT_LOG_PLAN_REQUIRED: the workspace is not on the enterprise plan (with `upgradeUrl`)'),
    403: problem('PERMISSION_DENIED'),
    404: problem('WORKSPACE_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  description:
    'Lists an enterprise workspace’s own audit chain, newest first, or exports it in number order as JSON Lines (with its signed checkpoints) for offline verification; exports are audited.',
  route,
  access: authenticated(jwtOrApiKey, 'audit:read'),
  rateLimit: rateLimited.api,
  uses: [auditReader, securityEvents],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: auditPrivacy,
  handler: async (c) => {
    const { workspaceId } = c.req.valid('param');
    const { format, cursor, limit } = c.req.valid('query');
    const from = cursor === undefined ? null : seqCursor.decode(cursor).seq;
    const reader = c.var.use(auditReader);
    if (format === 'json') {
      const list = (n: number) => reader.listWorkspace(workspaceId, from, n);
      const { items, next } = await page(Math.min(limit ?? 50, 100), list, (last) => seqCursor.encode({ seq: last.seq }));
      return c.json({ items: items.map(toEntryBody), nextCursor: next }, 200);
    }
    await recordExport(c, 'audit_export', workspaceId);
    const exported = await reader.exportWorkspace(memberActor(c.var.auth), workspaceId, from ?? 0, limit ?? 1000);
    const lines = [
      ...exported.items.map((entry) => JSON.stringify({ kind: 'entry', ...entry })),
      ...exported.checkpoints.map((checkpoint) => JSON.stringify({ kind: 'checkpoint', ...checkpoint })),
    ];
    if (exported.next !== null) {
      const next = `/v1/workspaces/${workspaceId}/audit?format=jsonl&cursor=${seqCursor.encode({ seq: exported.next })}`;
      c.header('link', `<${next}>; rel="next"`);
    }
    const body = c.body(lines.map((line) => `${line}\n`).join(''), 200, { 'content-type': 'application/jsonl; charset=utf-8' });
    // JSON Lines is the second representation of the same 200; the route's typing knows only the JSON one.
    return body as never;
  },
});
