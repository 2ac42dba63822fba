import { createRoute, z } from '@hono/zod-openapi';
import { createFlowHistoryService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams } from './lib/schemas.ts';

const snapshotSchema = z
  .object({ name: z.string(), version: z.number().int(), createdBy: z.string(), createdAt: z.string() })
  .openapi('FlowSnapshot');

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/snapshots',
  tags: ['flows'],
  summary: 'Name the latest version; named versions are never pruned',
  request: { params: flowParams, body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) })) },
  responses: {
    201: json('The snapshot', snapshotSchema),
    402: problem('SNAPSHOT_LIMIT_REACHED: snapshots count against the plan’s versions kept'),
    404: problem('FLOW_NOT_FOUND'),
    409: problem('SNAPSHOT_NAME_TAKEN'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:update'),
  description: 'Names the latest version of a flow as a snapshot that version pruning keeps.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const snapshot = await createFlowHistoryService(ports).snapshot(caller, c.req.valid('param').flowId, c.req.valid('json').name);
    return c.json(
      { name: snapshot.name, version: snapshot.versionNumber, createdBy: snapshot.createdBy, createdAt: snapshot.createdAt.toISOString() },
      201,
    );
  },
});
