import { createRoute } from '@hono/zod-openapi';
import { createFlowLifecycleService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/flows/{flowId}',
  tags: ['flows'],
  summary: 'Delete a flow (restorable for 30 days)',
  request: { params: flowParams },
  responses: { 204: { description: 'Deleted' }, 404: problem('FLOW_NOT_FOUND') },
});

export default defineHttpFunction({
  ...flowFunction('flows:delete'),
  description: 'Soft-deletes a flow as a new version; it can be undeleted for 30 days.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    await createFlowLifecycleService(ports).remove(caller, c.req.valid('param').flowId);
    return c.body(null, 204);
  },
});
