import { createRoute, z } from '@hono/zod-openapi';
import { createFlowBlameService, versionKinds, type BlameEntry } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf } from './lib/etag.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowParams, provenanceSchema, toProvenance } from './lib/schemas.ts';

const blameEntrySchema = z
  .object({
    id: z.string().openapi({ description: 'The node or edge' }),
    version: z.number().int().openapi({ description: 'The version that last added or changed it (any field)' }),
    kind: z.enum(versionKinds),
    at: z.string().openapi({ description: 'When that version was made' }),
    author: provenanceSchema,
    restoredFrom: z.number().int().nullable().openapi({ description: 'When that version is a restore: the version it restored' }),
    rationale: z
      .string()
      .nullable()
      .openapi({ description: 'For a proposal: the one-line rationale of the operation that named the element, when known' }),
    truncated: z.boolean().openapi({
      description: 'The change may have been made in a version pruned since; `version` is the oldest kept one that could have made it',
    }),
  })
  .openapi('BlameEntry');

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/blame',
  tags: ['flows'],
  summary: 'For every node and edge of the latest version: the version, time and author (user, API key or AI proposal) of its last change',
  request: { params: flowParams },
  responses: {
    200: json(
      'Blame of the latest version (ETag: "v<version>"), in document order',
      z.object({
        version: z.number().int(),
        truncated: z.boolean().openapi({ description: 'Some element’s change may lie in a pruned version' }),
        nodes: z.array(blameEntrySchema),
        edges: z.array(blameEntrySchema),
      }),
    ),
    404: problem('FLOW_NOT_FOUND'),
  },
});

const toEntry = (entry: BlameEntry): z.infer<typeof blameEntrySchema> => ({
  id: entry.id,
  version: entry.versionNumber,
  kind: entry.kind,
  at: entry.at.toISOString(),
  author: toProvenance(entry.provenance),
  restoredFrom: entry.restoredFrom,
  rationale: entry.rationale,
  truncated: entry.truncated,
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description:
    'Blames a flow: for every node and edge, the version that last changed it, when, and who or what made it (rationale for AI proposals).',
  route,
  handler: async (c) => {
    const { ports, caller } = flowsFor(c.var);
    const blame = await createFlowBlameService(ports).blame(caller, c.req.valid('param').flowId);
    const [nodes, edges] = [blame.nodes.map(toEntry), blame.edges.map(toEntry)];
    c.header('ETag', etagOf(blame.version.versionNumber));
    c.header('Cache-Control', 'private, no-cache');
    const truncated = [...nodes, ...edges].some((entry) => entry.truncated);
    return c.json({ version: blame.version.versionNumber, truncated, nodes, edges }, 200);
  },
});
