import { createRoute, z } from '@hono/zod-openapi';
import { createTemplateService } from '../../shared/flows/index.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/templates',
  tags: ['flows'],
  summary: 'Save a flow of the workspace as a workspace template',
  request: {
    params: workspaceParams,
    body: jsonBody(
      z.object({ flowId: idSchema('flw'), name: z.string().trim().min(1).max(100), description: z.string().max(2000).default('') }),
    ),
  },
  responses: {
    201: json('The template', templateSchema),
    404: problem('FLOW_NOT_FOUND (also a flow of another workspace)'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:create'),
  description: 'Saves the latest version of a workspace flow as a template of that workspace.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const template = await createTemplateService(ports).save(caller, c.req.valid('param').workspaceId, c.req.valid('json'));
    return c.json(template, 201);
  },
});
