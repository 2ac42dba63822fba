import { createRoute, z } from '@hono/zod-openapi';
import { createProposalService } from '../../shared/ai/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { etagOf, versionsFromIfMatch } from '../flows/lib/etag.ts';
import { aiFunction } from './lib/ai-function.ts';
import { proposalFor } from './lib/proposal-ports.ts';
import { proposalParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/proposals/{proposalId}/apply',
  tags: ['ai'],
  summary: 'Apply an open proposal, all of it or a closed selection of its operations, as a new version (free of credits)',
  request: {
    params: proposalParams,
    headers: z.object({ 'if-match': z.string().max(200).optional().openapi({ description: 'The flow’s ETag as read, e.g. "v3"' }) }),
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            operationIds: z
              .array(z.string().min(1).max(100))
              .min(1)
              .max(1000)
              .optional()
              .openapi({ description: 'The operations to apply (default: all); an edge needs its new nodes selected too' }),
          }),
        },
      },
    },
  },
  responses: {
    200: json(
      'The new version (ETag), authored by the caller and marked as made via the proposal',
      z.object({ version: z.number().int(), proposalId: z.string(), applied: z.array(z.string()), warnings: z.array(z.unknown()) }),
    ),
    402: problem('NODE_LIMIT_REACHED'),
    403: problem('PERMISSION_DENIED: flows:update'),
    404: problem('FLOW_NOT_FOUND or PROPOSAL_NOT_FOUND'),
    409: problem(
      'PROPOSAL_CLOSED, PROPOSAL_SUPERSEDED, PROPOSAL_EXPIRED, or PROPOSAL_STALE (the flow moved and the operations no longer validate). An apply that did not finish (state `applying`) is finished, and one that did is answered with its version, by applying again with the same If-Match',
    ),
    412: problem('VERSION_CONFLICT: the If-Match is not the current version'),
    422: problem('SELECTION_NOT_CLOSED, UNKNOWN_OPERATIONS, OPERATIONS_FAILED or FLOW_INVALID'),
    428: problem('IF_MATCH_REQUIRED'),
  },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description:
    'Applies an AI proposal (or a closed selection of it) through the flows engine as a version made via the proposal; re-checks it when the flow moved.',
  route,
  handler: async (c) => {
    const { ports, caller } = proposalFor(c.var);
    const { flowId, proposalId } = c.req.valid('param');
    const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
    const operationIds = body.operationIds;
    const { version, warnings, proposal } = await createProposalService(ports).apply(caller, flowId, proposalId, {
      expectedVersions: versionsFromIfMatch(c.req.valid('header')['if-match']),
      ...(operationIds === undefined ? {} : { operationIds }),
    });
    c.header('ETag', etagOf(version.versionNumber));
    const applied = operationIds ?? proposal.operations.map((proposed) => proposed.id);
    return c.json({ version: version.versionNumber, proposalId, applied: [...applied], warnings }, 200);
  },
});
