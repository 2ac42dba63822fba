import { createRoute, z } from '@hono/zod-openapi';
import { createFlowHistoryService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams, versionNumberSchema } from './lib/schemas.ts';

const fieldChange = z.object({ path: z.string(), from: z.unknown(), to: z.unknown() });
const entityDiff = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), fields: z.array(fieldChange) })),
});

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/diff',
  tags: ['flows'],
  summary: 'What changed between two versions',
  request: { params: flowParams, query: z.object({ from: versionNumberSchema, to: versionNumberSchema }) },
  responses: {
    200: json(
      'Added, removed and changed (with field paths) nodes, edges, frames, personas and metadata',
      z
        .object({
          from: z.number().int(),
          to: z.number().int(),
          nodes: entityDiff,
          edges: entityDiff,
          frames: entityDiff,
          personas: entityDiff,
        })
        .extend({ metadata: z.object({ changed: z.array(fieldChange) }) })
        .openapi('FlowDiff'),
    ),
    404: problem('FLOW_NOT_FOUND or VERSION_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Diffs two versions of a flow: nodes, edges, frames, personas and metadata, with field paths.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { from, to } = c.req.valid('query');
    const diff = await createFlowHistoryService(ports).diff(caller, c.req.valid('param').flowId, from, to);
    return c.json({ from, to, ...diff }, 200);
  },
});
