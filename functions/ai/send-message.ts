import { createRoute, z } from '@hono/zod-openapi';
import { createAiRequestService, messageIntents } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { admissionFor, aiFunction, jobAcceptingUses, jobLocation } from './lib/ai-function.ts';
import { acceptedSchema, flowParams, focusSchema, qualitySchema, toAccepted, idempotencyHeaders } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/messages',
  tags: ['ai'],
  summary:
    'Say something to the AI about a flow: a question (ai.chat), a change (ai.plan), a journey (ai.generate) or feedback (ai.refine)',
  request: {
    params: flowParams,
    headers: idempotencyHeaders,
    body: jsonBody(
      z.object({
        message: z.string().trim().min(1).max(4000),
        quality: qualitySchema,
        intent: z.enum(messageIntents).optional().openapi({ description: 'Skips classification: the operation to run' }),
        focusNodeIds: focusSchema,
      }),
    ),
  },
  responses: {
    202: {
      ...json('Accepted: follow the job at `Location` (credits reserved, charged only when it delivers)', acceptedSchema),
      headers: z.object({ Location: z.string() }),
    },
    402: problem('INSUFFICIENT_CREDITS or PRO_QUALITY_NOT_IN_PLAN (nothing was stored)'),
    403: problem('PERMISSION_DENIED: ai:use, and flows:update for a change or flows:read for a question'),
    404: problem('FLOW_NOT_FOUND'),
    409: problem(
      'NO_OPEN_PROPOSAL: intent ai.refine without an open proposal; IDEMPOTENCY_KEY_REUSED: the Idempotency-Key came with another request',
    ),
    422: problem('MESSAGE_FLAGGED (reads as instructions to a model) or FOCUS_NODES_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  description:
    'Accepts a message to the AI about a flow: classifies it (rules first), screens it, reserves the operation’s credits and queues the job (202).',
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const { rules, agents } = c.var.use(aiAgents);
    const body = c.req.valid('json');
    const job = await createAiRequestService(ports, { rules, agents }).sendMessage(
      who,
      c.req.valid('param').flowId,
      {
        message: body.message,
        quality: body.quality,
        focusNodeIds: body.focusNodeIds,
        ...(body.intent === undefined ? {} : { intent: body.intent }),
      },
      c.req.valid('header')['idempotency-key'],
    );
    c.header('Location', jobLocation(job.id));
    return c.json(toAccepted(job), 202);
  },
});
