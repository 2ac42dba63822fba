import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { createJobReadService, isFinished, pollIntervalMs } from '../../shared/ai/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { aiFor, aiFunction } from './lib/ai-function.ts';
import { jobParams, toJobBody } from './lib/schemas.ts';

/** One stream lasts at most this long; the client reconnects with Last-Event-ID (browsers do it themselves). */
const maxStreamMs = 5 * 60_000;

const route = createRoute({
  method: 'get',
  path: '/v1/ai/jobs/{jobId}/events',
  tags: ['ai'],
  summary:
    'Follow an AI job as server-sent events: a `step` event per step and an `operation` event per operation of the draft as the architect produces it (id = its number), then `done` or `failed` with the job',
  request: {
    params: jobParams,
    headers: z.object({
      'last-event-id': z
        .string()
        .regex(/^\d{1,6}$/)
        .optional()
        .openapi({ description: 'Resume after this event (sent by EventSource on reconnect)' }),
    }),
  },
  responses: {
    200: {
      description:
        '`text/event-stream`. Where a host cannot stream a response, follow the job with the long-poll `GET /v1/ai/jobs/{jobId}?wait=`',
      // One server-sent event, as a client's EventSource sees it: `step`, `operation`, `done`… with
      // its JSON payload as text and the sequence number as `id`.
      content: {
        'text/event-stream': {
          schema: z.object({ event: z.string(), data: z.string(), id: z.string().optional(), retry: z.number().int().optional() }),
        },
      },
    },
    404: problem('JOB_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description:
    'Streams an AI job’s steps, the architect’s operations as they are produced, and its end as server-sent events (the step log polled; any instance can serve any job).',
  // A stream lasts up to `maxStreamMs`.
  timeoutSeconds: 330,
  route,
  handler: async (c) => {
    const { ports, who } = aiFor(c.var);
    const reader = createJobReadService(ports);
    // Checked before the stream starts: an unknown job is a plain 404.
    const job = await reader.jobFor(who.caller, c.req.valid('param').jobId);
    let after = Number(c.req.valid('header')['last-event-id'] ?? 0);
    return streamSSE(c, async (stream) => {
      const until = Date.now() + maxStreamMs;
      while (!stream.aborted && Date.now() < until) {
        const view = await reader.viewOf(job, after);
        const entries = [
          ...view.steps.map((step) => ({ event: 'step', seq: step.seq, body: step })),
          ...view.operations.map((operation) => ({ event: 'operation', seq: operation.seq, body: operation })),
        ].sort((a, b) => a.seq - b.seq);
        for (const { event, seq, body } of entries) {
          await stream.writeSSE({ event, id: String(seq), data: JSON.stringify({ ...body, at: body.at.toISOString() }) });
        }
        after = Math.max(after, ...entries.map((entry) => entry.seq));
        if (isFinished(view)) {
          await stream.writeSSE({
            event: view.status,
            id: String(view.lastSeq),
            data: JSON.stringify(toJobBody(job, { ...view, steps: [] })),
          });
          return;
        }
        await stream.sleep(pollIntervalMs);
      }
    });
  },
});
