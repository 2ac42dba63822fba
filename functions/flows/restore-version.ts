import { createRoute, z } from '@hono/zod-openapi';
import { createFlowEditService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf, versionsFromIfMatch } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { versionParams, writeResultSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/versions/{versionNumber}/restore',
  tags: ['flows'],
  summary: 'Make an old version the latest (as a new version)',
  request: { params: versionParams, headers: z.object({ 'if-match': z.string().max(200).optional() }) },
  responses: {
    200: json('The new version', writeResultSchema),
    402: problem('NODE_LIMIT_REACHED'),
    404: problem('FLOW_NOT_FOUND or VERSION_NOT_FOUND'),
    412: problem('VERSION_CONFLICT'),
    422: problem('FLOW_INVALID'),
    428: problem('IF_MATCH_REQUIRED'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:update'),
  description: 'Restores version N of a flow as a new version, under If-Match.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { flowId, versionNumber } = c.req.valid('param');
    const expected = versionsFromIfMatch(c.req.valid('header')['if-match']);
    const { version, warnings } = await createFlowEditService(ports).restore(caller, flowId, versionNumber, expected);
    c.header('ETag', etagOf(version.versionNumber));
    return c.json({ version: version.versionNumber, warnings }, 200);
  },
});
