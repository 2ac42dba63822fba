import { createRoute, z } from '@hono/zod-openapi';
import { createFlowHistoryService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { page } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { flowParams, toProvenance, versionInfoSchema, versionNumberSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/versions',
  tags: ['flows'],
  summary: 'The flow’s versions, newest first',
  request: {
    params: flowParams,
    query: z.object({
      before: versionNumberSchema
        .optional()
        .openapi({ description: 'Only versions numbered below this (the `nextBefore` of the previous page)' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: json('A page of versions', z.object({ items: z.array(versionInfoSchema), nextBefore: z.number().int().nullable() })),
    404: problem('FLOW_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description:
    'Lists a flow’s versions (author and provenance: user, API key or AI proposal; operations summary, snapshot names), newest first.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { before, limit } = c.req.valid('query');
    const list = (n: number) =>
      createFlowHistoryService(ports).listVersions(caller, c.req.valid('param').flowId, { before: before ?? null, limit: n });
    const { items, next } = await page(limit, list, (last) => last.versionNumber);
    const body = items.map((version) => ({
      version: version.versionNumber,
      kind: version.kind,
      authorId: version.authorId,
      provenance: toProvenance(version.provenance),
      createdAt: version.createdAt.toISOString(),
      summary: version.summary,
      restoredFrom: version.restoredFrom,
      nodeCount: version.nodeCount,
      snapshots: version.snapshots,
    }));
    return c.json({ items: body, nextBefore: next }, 200);
  },
});
