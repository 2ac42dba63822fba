import { createRoute } from '@hono/zod-openapi';
import { createTemplateService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { templateCursor } from './lib/cursor.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/templates',
  tags: ['flows'],
  summary: 'List the templates the workspace saved, newest first',
  request: { params: workspaceParams, query: pageQuery(50) },
  responses: {
    200: json('A page of the workspace’s templates (the built-ins are `GET /v1/templates`)', pageOf(templateSchema)),
    400: problem('INVALID_CURSOR or VALIDATION_FAILED'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Lists the templates a workspace saved from its flows, newest first, cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports } = flowsFor(c.var);
    const { cursor, limit } = c.req.valid('query');
    const after = cursor === undefined ? null : templateCursor.decode(cursor);
    const { items, next } = await createTemplateService(ports).list(c.req.valid('param').workspaceId, { after, limit });
    return c.json({ items, nextCursor: next && templateCursor.encode(next) }, 200);
  },
});
