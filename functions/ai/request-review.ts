import { createRoute, z } from '@hono/zod-openapi';
import { createAiRequestService } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { admissionFor, aiFunction, jobAcceptingUses, jobLocation } from './lib/ai-function.ts';
import { acceptedSchema, flowParams, focusSchema, qualitySchema, toAccepted, idempotencyHeaders } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/review',
  tags: ['ai'],
  summary:
    'A UX review of the flow (ai.review: 2 credits): the UX lint’s findings plus the AI’s commentary, each with node ids and fix operations',
  request: {
    params: flowParams,
    headers: idempotencyHeaders,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            message: z.string().trim().max(4000).default('').openapi({ description: 'What to look at, in plain words' }),
            quality: qualitySchema,
            focusNodeIds: focusSchema,
          }),
        },
      },
    },
  },
  responses: {
    202: { ...json('Accepted: follow the job at `Location`', acceptedSchema), headers: z.object({ Location: z.string() }) },
    402: problem('INSUFFICIENT_CREDITS or PRO_QUALITY_NOT_IN_PLAN'),
    403: problem('PERMISSION_DENIED: ai:use and flows:read'),
    404: problem('FLOW_NOT_FOUND'),
    409: problem('IDEMPOTENCY_KEY_REUSED: the Idempotency-Key came with another request'),
    422: problem('MESSAGE_FLAGGED or FOCUS_NODES_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  credits: 'ai.review',
  description: 'Queues an ai.review job: the UX lint of the flow with the AI’s commentary on top (202).',
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const { rules, agents } = c.var.use(aiAgents);
    const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : undefined;
    const job = await createAiRequestService(ports, { rules, agents }).requestReview(
      who,
      c.req.valid('param').flowId,
      {
        message: body?.message ?? '',
        quality: body?.quality ?? 'standard',
        focusNodeIds: body?.focusNodeIds ?? [],
      },
      c.req.valid('header')['idempotency-key'],
    );
    c.header('Location', jobLocation(job.id));
    return c.json(toAccepted(job), 202);
  },
});
