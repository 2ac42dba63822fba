import { createRoute } from '@hono/zod-openapi';
import { createProposalService } from '../../shared/ai/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { aiFunction } from './lib/ai-function.ts';
import { proposalFor } from './lib/proposal-ports.ts';
import { proposalParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/flows/{flowId}/ai/proposals/{proposalId}',
  tags: ['ai'],
  summary: 'Discard a proposal (again is fine)',
  request: { params: proposalParams },
  responses: {
    204: { description: 'Discarded: it can no longer be applied or refined' },
    404: problem('PROPOSAL_NOT_FOUND'),
    409: problem('PROPOSAL_CLOSED: it was applied; PROPOSAL_APPLYING: an apply of it has not finished (apply again with its If-Match)'),
  },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description: 'Discards one of the caller’s AI proposals on a flow.',
  route,
  handler: async (c) => {
    const { ports, caller } = proposalFor(c.var);
    const { flowId, proposalId } = c.req.valid('param');
    await createProposalService(ports).discard(caller, flowId, proposalId);
    return c.body(null, 204);
  },
});
