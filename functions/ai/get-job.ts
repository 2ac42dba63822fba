import { createRoute, z } from '@hono/zod-openapi';
import { createJobReadService, maxWaitSeconds } from '../../shared/ai/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { aiFor, aiFunction } from './lib/ai-function.ts';
import { jobParams, jobSchema, toJobBody } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/ai/jobs/{jobId}',
  tags: ['ai'],
  summary: 'Follow an AI job (long-poll): its status, its steps after `after`, and its result or error',
  request: {
    params: jobParams,
    query: z.object({
      wait: z.coerce
        .number()
        .int()
        .min(0)
        .max(maxWaitSeconds)
        .default(0)
        .openapi({ description: `Seconds to wait for a new step or the end (at most ${maxWaitSeconds}); 0 answers at once` }),
      after: z.coerce.number().int().min(0).default(0).openapi({ description: 'Only the steps after this one (the `lastSeq` last seen)' }),
    }),
  },
  responses: {
    200: json('The job; `status` is queued, running, done or failed', jobSchema),
    404: problem('JOB_NOT_FOUND: no such job, or not the caller’s'),
  },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description: 'Answers an AI job’s status, steps and result; with `wait`, holds the request until a new step or the end (long-poll).',
  // A long-poll holds its request up to `maxWaitSeconds`.
  timeoutSeconds: 60,
  route,
  handler: async (c) => {
    const { ports, who } = aiFor(c.var);
    const { wait, after } = c.req.valid('query');
    const { job, view } = await createJobReadService(ports).get(who.caller, c.req.valid('param').jobId, { after, waitSeconds: wait });
    c.header('Cache-Control', 'no-store');
    return c.json(toJobBody(job, view), 200);
  },
});
