import { createRoute, z } from '@hono/zod-openapi';
import { exportFormats, type ExportFormat, createFlowExportService } from '../../shared/flows/index.ts';
import { securityEvents } from '../../shared/infra/mongodb/security-events-resource.ts';
import { recordExport } from '../../shared/infra/security/export-signal.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { documentSchema, flowParams } from './lib/schemas.ts';

const files: Record<ExportFormat, { type: string; extension: string }> = {
  uxflow: { type: 'application/vnd.uxflow+json; charset=utf-8', extension: 'uxflow' },
  mermaid: { type: 'text/vnd.mermaid; charset=utf-8', extension: 'mmd' },
  svg: { type: 'image/svg+xml; charset=utf-8', extension: 'svg' },
};

/** A file name from the flow's name: letters, digits, dashes; never empty. */
const fileName = (name: string, extension: string) =>
  `${
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'flow'
  }.${extension}`;

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/export',
  tags: ['flows'],
  summary: 'Download the flow as .uxflow JSON, a Mermaid flowchart or an SVG drawing',
  request: { params: flowParams, query: z.object({ format: z.enum(exportFormats).default('uxflow') }) },
  responses: {
    200: {
      description: 'The file (Content-Disposition: attachment)',
      content: {
        // A JSON document: clients (and the contract checks) parse it as the .uxflow 2.0 schema.
        'application/vnd.uxflow+json': { schema: documentSchema },
        'text/vnd.mermaid': { schema: z.string() },
        'image/svg+xml': { schema: z.string() },
      },
    },
    404: problem('FLOW_NOT_FOUND'),
  },
});

const preset = flowFunction('flows:export');

export default defineHttpFunction({
  ...preset,
  uses: [...preset.uses, securityEvents],
  description: 'Exports the latest version of a flow as .uxflow, Mermaid or an SVG drawn on the server.',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const { format } = c.req.valid('query');
    const { name, versionNumber, body } = await createFlowExportService(ports).exportFlow(caller, c.req.valid('param').flowId, format);
    await recordExport(c, 'flow_export');
    const file = files[format];
    c.header('Content-Type', file.type);
    c.header('Content-Disposition', `attachment; filename="${fileName(name, file.extension)}"`);
    c.header('ETag', etagOf(versionNumber));
    // An SVG opened from the download must not run anything, whatever the flow's text says.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return c.body(body, 200);
  },
});
