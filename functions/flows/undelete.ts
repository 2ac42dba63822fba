import { createRoute } from '@hono/zod-openapi';
import { createFlowLifecycleService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams, writeResultSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/undelete',
  tags: ['flows'],
  summary: 'Bring back a flow deleted less than 30 days ago',
  request: { params: flowParams },
  responses: {
    200: json('The flow’s new version', writeResultSchema),
    402: problem('FLOW_LIMIT_REACHED'),
    404: problem('FLOW_NOT_FOUND (also after 30 days)'),
    409: problem('FLOW_NOT_DELETED'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:delete'),
  description: 'Undeletes a flow within 30 days of its deletion, within the plan’s flow limit.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const version = await createFlowLifecycleService(ports).undelete(caller, c.req.valid('param').flowId);
    c.header('ETag', etagOf(version.versionNumber));
    return c.json({ version: version.versionNumber, warnings: [] }, 200);
  },
});
