import { createRoute } from '@hono/zod-openapi';
import { createProposalService } from '../../shared/ai/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { aiFunction } from './lib/ai-function.ts';
import { proposalFor } from './lib/proposal-ports.ts';
import { proposalParams, proposalSchema, toProposalBody } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/ai/proposals/{proposalId}',
  tags: ['ai'],
  summary: 'A proposal: its plan, its operations (each with an id and a rationale), the preview’s warnings and lint, its state and expiry',
  request: { params: proposalParams },
  responses: {
    200: json('The proposal; `state` is open, applied, discarded, superseded or expired', proposalSchema),
    404: problem('PROPOSAL_NOT_FOUND: no such proposal on this flow, or not the caller’s'),
  },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description: 'Returns one of the caller’s AI proposals on a flow, with its plan, operations, preview findings and state.',
  route,
  handler: async (c) => {
    const { ports, caller } = proposalFor(c.var);
    const { flowId, proposalId } = c.req.valid('param');
    const { proposal, state } = await createProposalService(ports).get(caller, flowId, proposalId);
    c.header('Cache-Control', 'no-store');
    return c.json(toProposalBody(proposal, state), 200);
  },
});
