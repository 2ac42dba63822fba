import { createRoute, z } from '@hono/zod-openapi';
import { createFlowImportService, maxDocumentDepth } from '../../shared/flows/index.ts';
import { boundedJsonObjectSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowIssueSchema, flowSummarySchema, migrationReportSchema, toSummary, documentBodyBytes } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/flows/import',
  tags: ['flows'],
  summary: 'Import a .uxflow file: 2.0, or a document of the earlier product (1.x or its web app) migrated on the way in',
  request: {
    params: workspaceParams,
    body: jsonBody(
      boundedJsonObjectSchema(maxDocumentDepth).openapi({ description: 'The document: .uxflow 2.0, 1.x, or the earlier web app’s' }),
    ),
  },
  responses: {
    201: json(
      'The new flow; `migration` lists every change the import made (null for a complete 2.0 document)',
      flowSummarySchema.extend({
        warnings: z.array(flowIssueSchema),
        migration: migrationReportSchema.nullable(),
      }),
    ),
    400: problem('FLOW_IMPORT_INVALID: the document cannot be read (`issues` [{path, message, ids}])'),
    402: problem('FLOW_LIMIT_REACHED or NODE_LIMIT_REACHED'),
    422: problem('FLOW_INVALID: the document breaks flow rules'),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:create'),
  description: 'Imports a .uxflow document as a new flow, migrating the earlier product’s dialects and reporting every change.',
  maxBodyBytes: documentBodyBytes,
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { head, warnings, migration } = await createFlowImportService(ports).importFlow(
      caller,
      c.req.valid('param').workspaceId,
      c.req.valid('json'),
    );
    c.header('ETag', etagOf(head.versionNumber));
    return c.json({ ...toSummary(head), warnings, migration }, 201);
  },
});
