import { createRoute, z } from '@hono/zod-openapi';
import { aiOperations, createConversationService, jobStatuses, messageKinds, proposalStates } from '../../shared/ai/index.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { cursorCodec, page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { aiFor, aiFunction } from './lib/ai-function.ts';
import { flowParams } from './lib/schemas.ts';

const cursor = cursorCodec(
  z.codec(z.tuple([z.number(), idSchema('msg')]), z.object({ createdAt: z.date(), id: z.string() }), {
    decode: ([time, id]) => ({ createdAt: new Date(time), id }),
    encode: ({ createdAt, id }) => [createdAt.getTime(), id] as [number, string],
  }),
);

const entrySchema = z.object({
  id: z.string(),
  kind: z.enum(messageKinds),
  text: z.string().nullable().describe('null when the text is unavailable: its author was erased and their data key destroyed'),
  textUnavailable: z.boolean(),
  focusNodeIds: z.array(z.string()),
  createdAt: z.string(),
  job: z
    .object({
      id: z.string(),
      operation: z.enum(aiOperations),
      credits: z.number().int(),
      status: z.enum(jobStatuses),
      result: z.unknown().nullable(),
      error: z.object({ code: z.string(), message: z.string() }).passthrough().nullable(),
    })
    .nullable(),
  proposal: z.object({ id: z.string(), state: z.enum(proposalStates), expiresAt: z.string() }).nullable(),
});

const route = createRoute({
  method: 'get',
  path: '/v1/flows/{flowId}/ai/conversation',
  tags: ['ai'],
  summary: 'The caller’s conversation with the AI about a flow, newest first: each message with its job and its proposal',
  request: { params: flowParams, query: pageQuery(20) },
  responses: { 200: json('A page of messages', pageOf(entrySchema)), 404: problem('FLOW_NOT_FOUND') },
});

export default defineHttpFunction({
  ...aiFunction('api'),
  description:
    'Lists the caller’s AI messages on a flow, newest first, with their jobs’ states and the proposals they made; cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports, who } = aiFor(c.var);
    const { cursor: given, limit } = c.req.valid('query');
    const after = given === undefined ? null : cursor.decode(given);
    const flowId = c.req.valid('param').flowId;
    const list = (n: number) => createConversationService(ports).list(who.caller, flowId, { after, limit: n });
    const { items, next } = await page(limit, list, (last) => cursor.encode({ createdAt: last.message.createdAt, id: last.message.id }));
    return c.json(
      {
        items: items.map(({ message, job, proposal }) => ({
          id: message.id,
          kind: message.kind,
          text: message.text,
          textUnavailable: message.text === null,
          focusNodeIds: message.focusNodeIds,
          createdAt: message.createdAt.toISOString(),
          job,
          proposal: proposal ? { ...proposal, expiresAt: proposal.expiresAt.toISOString() } : null,
        })),
        nextCursor: next,
      },
      200,
    );
  },
});
