import { createRoute, z } from '@hono/zod-openapi';
import { flowOperationsSchema, createFlowEditService } from '../../shared/flows/index.ts';
import { loadLayoutEngine } from '../../shared/infra/layout/layout-engine.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf, versionsFromIfMatch } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams, writeResultSchema, documentBodyBytes } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/operations',
  tags: ['flows'],
  summary: 'Apply a batch of operations, all or nothing, as a new version',
  request: {
    params: flowParams,
    headers: z.object({ 'if-match': z.string().max(200).optional().openapi({ description: 'The ETag read, e.g. "v3"' }) }),
    body: jsonBody(
      z.object({ operations: flowOperationsSchema }).openapi({ description: 'Operations applied in order, as one atomic batch' }),
    ),
  },
  responses: {
    200: json('The new version (ETag) and the warnings of the result', writeResultSchema),
    402: problem('NODE_LIMIT_REACHED'),
    404: problem('FLOW_NOT_FOUND'),
    412: problem('VERSION_CONFLICT: the If-Match is not the current version (the body carries it)'),
    422: problem('OPERATIONS_FAILED (each failed operation and rule) or FLOW_INVALID (each broken rule)'),
    428: problem('IF_MATCH_REQUIRED'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:update'),
  description: 'Applies an atomic batch of flow operations under optimistic concurrency (If-Match) and stores it as a version.',
  maxBodyBytes: documentBodyBytes,
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const expected = versionsFromIfMatch(c.req.valid('header')['if-match']);
    const { version, warnings } = await createFlowEditService(ports, loadLayoutEngine).apply(
      caller,
      c.req.valid('param').flowId,
      expected,
      c.req.valid('json').operations,
    );
    c.header('ETag', etagOf(version.versionNumber));
    return c.json({ version: version.versionNumber, warnings }, 200);
  },
});
