import { createRoute, z } from '@hono/zod-openapi';
import { createFlowReadService, flowOperationSchema, lintFlow, lintSeverities } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams } from './lib/schemas.ts';

const lintFindingSchema = z
  .object({
    rule: z.string(),
    severity: z.enum(lintSeverities),
    nodeIds: z.array(z.string()),
    message: z.string(),
    fix: z.array(flowOperationSchema).optional().openapi({ description: 'Operations that remove the finding, for POST …/operations' }),
  })
  .openapi('LintFinding');

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/lint',
  tags: ['flows'],
  summary: 'The UX lint of a flow’s latest version: findings with node ids and fix operations (free, no AI)',
  request: { params: flowParams },
  responses: {
    200: json(
      'The findings, errors first (ETag: "v<version>" of the version linted)',
      z.object({ version: z.number().int(), findings: z.array(lintFindingSchema) }),
    ),
    404: problem('FLOW_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Runs the UX lint on the latest version of a flow; free, no AI.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { version } = await createFlowReadService(ports).get(caller, c.req.valid('param').flowId);
    c.header('ETag', etagOf(version.versionNumber));
    c.header('Cache-Control', 'private, no-cache');
    return c.json({ version: version.versionNumber, findings: lintFlow(version.document) }, 200);
  },
});
