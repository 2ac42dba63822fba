import { createRoute, z } from '@hono/zod-openapi';
import { createAiRequestService } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { admissionFor, aiFunction, jobAcceptingUses, jobLocation } from './lib/ai-function.ts';
import { acceptedSchema, qualitySchema, toAccepted, idempotencyHeaders } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/ai/flows',
  tags: ['ai'],
  summary:
    'A new flow built by the AI from a described journey (ai.generate: 10 credits): an empty flow now, a proposal for it when the job is done',
  request: {
    params: workspaceParams,
    headers: idempotencyHeaders,
    body: jsonBody(
      z.object({
        description: z.string().trim().min(1).max(4000).openapi({ description: 'The journey, in plain words' }),
        name: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .openapi({ description: 'The flow’s name (default: the description’s first words)' }),
        quality: qualitySchema,
      }),
    ),
  },
  responses: {
    202: {
      ...json('Accepted: the new (empty) flow and the job building its proposal', acceptedSchema.extend({ flowId: z.string() })),
      headers: z.object({ Location: z.string() }),
    },
    402: problem('INSUFFICIENT_CREDITS, PRO_QUALITY_NOT_IN_PLAN or FLOW_LIMIT_REACHED (nothing was created)'),
    403: problem('PERMISSION_DENIED: ai:use and flows:create'),
    409: problem('IDEMPOTENCY_KEY_REUSED: the Idempotency-Key came with another request'),
    422: problem('MESSAGE_FLAGGED'),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  credits: 'ai.generate',
  description: 'Creates an empty flow and queues an ai.generate job that proposes the described journey for it (202).',
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const { rules, agents } = c.var.use(aiAgents);
    const body = c.req.valid('json');
    const job = await createAiRequestService(ports, { rules, agents }).generateFlow(
      who,
      c.req.valid('param').workspaceId,
      {
        description: body.description,
        quality: body.quality,
        ...(body.name === undefined ? {} : { name: body.name }),
      },
      c.req.valid('header')['idempotency-key'],
    );
    c.header('Location', jobLocation(job.id));
    return c.json({ ...toAccepted(job), flowId: job.flowId }, 202);
  },
});
