import { createRoute, z } from '@hono/zod-openapi';
import { createFlowCreateService, maxDocumentDepth } from '../../shared/flows/index.ts';
import { boundedJsonObjectSchema, idPattern } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { documentBodyBytes, flowIssueSchema, flowSummarySchema, toSummary } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/flows',
  tags: ['flows'],
  summary: 'Create a flow, blank, from a template or from a .uxflow 2.0 document',
  request: {
    params: workspaceParams,
    body: jsonBody(
      z
        .object({
          name: z.string().trim().min(1).max(100),
          description: z.string().max(2000).optional(),
          templateId: z
            .string()
            .regex(new RegExp(`^builtin-[a-z0-9-]{1,60}$|${idPattern('tpl').source}`), 'must be a template id')
            .optional(),
          document: boundedJsonObjectSchema(maxDocumentDepth)
            .optional()
            .openapi({ description: 'A .uxflow 2.0 document to start from; absent frames, personas, tags and version are completed' }),
        })
        .refine((body) => body.templateId === undefined || body.document === undefined, {
          message: 'give a templateId or a document, not both',
          path: ['document'],
        }),
    ),
  },
  responses: {
    201: json('The new flow (ETag: its version)', flowSummarySchema.extend({ warnings: z.array(flowIssueSchema) })),
    402: problem('FLOW_LIMIT_REACHED: the workspace has as many flows as its plan allows'),
    404: problem('TEMPLATE_NOT_FOUND'),
    422: problem('FLOW_INVALID: the document breaks flow rules (`errors` and `warnings`, schema and rules together)'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:create'),
  description:
    'Creates a flow in a workspace: blank (a start joined to an end), from a built-in or workspace template, or from a document.',
  maxBodyBytes: documentBodyBytes,
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { head, warnings } = await createFlowCreateService(ports).create(caller, c.req.valid('param').workspaceId, c.req.valid('json'));
    c.header('ETag', etagOf(head.versionNumber));
    return c.json({ ...toSummary(head), warnings }, 201);
  },
});
