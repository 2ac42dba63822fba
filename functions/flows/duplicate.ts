import { createRoute, z } from '@hono/zod-openapi';
import { createFlowLifecycleService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowIssueSchema, flowParams, flowSummarySchema, toSummary } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/duplicate',
  tags: ['flows'],
  summary: 'Copy a flow into a new flow of the same workspace',
  request: { params: flowParams },
  responses: {
    201: json('The copy', flowSummarySchema.extend({ warnings: z.array(flowIssueSchema) })),
    402: problem('FLOW_LIMIT_REACHED'),
    404: problem('FLOW_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:create'),
  description: 'Duplicates the latest version of a flow as a new flow ("Copy of …") in the same workspace.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { head, warnings } = await createFlowLifecycleService(ports).duplicate(caller, c.req.valid('param').flowId);
    c.header('ETag', etagOf(head.versionNumber));
    return c.json({ ...toSummary(head), warnings }, 201);
  },
});
