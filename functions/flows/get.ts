import { createRoute } from '@hono/zod-openapi';
import { createFlowReadService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowBodySchema, flowParams, toFlowBody } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}',
  tags: ['flows'],
  summary: 'Read a flow: its latest version, ETag and current warnings',
  request: { params: flowParams },
  responses: { 200: json('The flow (ETag: "v<version>")', flowBodySchema), 404: problem('FLOW_NOT_FOUND') },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Reads the latest version of a flow (through the Redis cache) with its ETag and warnings.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { version, warnings } = await createFlowReadService(ports).get(caller, c.req.valid('param').flowId);
    c.header('ETag', etagOf(version.versionNumber));
    c.header('Cache-Control', 'private, no-cache');
    return c.json(toFlowBody(version, warnings), 200);
  },
});
