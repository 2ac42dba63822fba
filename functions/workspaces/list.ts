import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';
import { toWorkspaceBody, workspaceSchema } from './lib/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces',
  tags: ['workspaces'],
  summary: 'List the caller’s workspaces with their role in each',
  responses: { 200: json('The workspaces, by name', z.object({ items: z.array(workspaceSchema) })) },
});

export default defineHttpFunction({
  ...workspaceFunction('self'),
  description: 'Lists the workspaces the caller is a member of (deleted ones left out), with their role.',
  route,
  handler: async (c) => {
    const views = await c.var.use(workspacesService).workspaces.listMine(c.var.auth.userId);
    return c.json({ items: views.map((v) => toWorkspaceBody(v.workspace, v.role)) }, 200);
  },
});
