import { createRoute, z } from '@hono/zod-openapi';
import { createAiRequestService } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { admissionFor, aiFunction, jobAcceptingUses, jobLocation } from './lib/ai-function.ts';
import { acceptedSchema, proposalParams, qualitySchema, toAccepted, idempotencyHeaders } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/proposals/{proposalId}/refine',
  tags: ['ai'],
  summary: 'Revise an open proposal from feedback (ai.refine: 2 credits); the revision supersedes it',
  request: {
    params: proposalParams,
    headers: idempotencyHeaders,
    body: jsonBody(z.object({ feedback: z.string().trim().min(1).max(4000), quality: qualitySchema })),
  },
  responses: {
    202: { ...json('Accepted: follow the job at `Location`', acceptedSchema), headers: z.object({ Location: z.string() }) },
    402: problem('INSUFFICIENT_CREDITS or PRO_QUALITY_NOT_IN_PLAN'),
    403: problem('PERMISSION_DENIED: ai:use and flows:update'),
    404: problem('FLOW_NOT_FOUND or PROPOSAL_NOT_FOUND'),
    409: problem(
      'PROPOSAL_CLOSED, PROPOSAL_SUPERSEDED or PROPOSAL_EXPIRED; IDEMPOTENCY_KEY_REUSED: the Idempotency-Key came with another request',
    ),
    422: problem('MESSAGE_FLAGGED'),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  credits: 'ai.refine',
  description: 'Queues an ai.refine job that revises the caller’s open proposal from their feedback (202).',
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const { rules, agents } = c.var.use(aiAgents);
    const { flowId, proposalId } = c.req.valid('param');
    const job = await createAiRequestService(ports, { rules, agents }).refine(
      who,
      flowId,
      proposalId,
      c.req.valid('json'),
      c.req.valid('header')['idempotency-key'],
    );
    c.header('Location', jobLocation(job.id));
    return c.json(toAccepted(job), 202);
  },
});
