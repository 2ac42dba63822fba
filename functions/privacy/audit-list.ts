import { createRoute, z } from '@hono/zod-openapi';
import { auditActions } from '../../shared/audit/index.ts';
import { auditReader } from '../../shared/infra/audit/audit-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { auditStaffFunction } from './lib/audit-function.ts';
import { staffActor, staffAuditEntrySchema, staffCursor, toStaffEntryBody } from './lib/audit-schemas.ts';

const query = pageQuery(50).extend({
  actor: z
    .string()
    .regex(/^[a-z]{3,4}_[0-9a-z]{20}$/, 'must be a user or API key id')
    .optional(),
  action: z.enum(auditActions).optional(),
  workspace: z
    .string()
    .regex(/^wsp_[0-9a-z]{20}$/, 'must be a workspace id')
    .optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries at or after this time' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries before this time' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/admin/audit',
  tags: ['privacy'],
  summary: 'Search the audit log (staff), newest first',
  request: { query },
  responses: {
    200: json('A page of audit entries', pageOf(staffAuditEntrySchema)),
    400: problem('VALIDATION_FAILED or INVALID_CURSOR'),
    403: problem('PERMISSION_DENIED: the platform role support, dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...auditStaffFunction,
  description: 'Searches every audit entry by actor, action, workspace and time range, newest first; the search is itself audited.',
  route,
  handler: async (c) => {
    const { cursor, limit, actor, action, workspace, from, to } = c.req.valid('query');
    const before = cursor === undefined ? null : staffCursor.decode(cursor);
    const filter = {
      ...(actor ? { actorId: actor } : {}),
      ...(action ? { action } : {}),
      ...(workspace ? { workspaceId: workspace } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
    };
    const search = (n: number) => c.var.use(auditReader).search(staffActor(c.var.auth), filter, before, n);
    const { items, next } = await page(limit, search, (last) => staffCursor.encode({ at: new Date(last.at), id: last._id }));
    return c.json({ items: items.map(toStaffEntryBody), nextCursor: next }, 200);
  },
});
