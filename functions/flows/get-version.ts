import { createRoute } from '@hono/zod-openapi';
import { createFlowHistoryService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowBodySchema, toFlowBody, versionParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/versions/{versionNumber}',
  tags: ['flows'],
  summary: 'One version of a flow, with its document',
  request: { params: versionParams },
  responses: { 200: json('The version', flowBodySchema), 404: problem('FLOW_NOT_FOUND or VERSION_NOT_FOUND (never existed, or pruned)') },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Reads one version of a flow with its document.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { flowId, versionNumber } = c.req.valid('param');
    const version = await createFlowHistoryService(ports).getVersion(caller, flowId, versionNumber);
    return c.json(toFlowBody(version, []), 200);
  },
});
