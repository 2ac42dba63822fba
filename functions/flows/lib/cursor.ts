import { z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/kernel/index.ts';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';

/** The flow list's cursor: the last head's `updatedAt` (ms) and id, the list's sort key. */
export const flowCursor = cursorCodec(
  z.codec(z.tuple([z.number(), idSchema('flw')]), z.object({ updatedAt: z.date(), id: z.string() }), {
    decode: ([time, id]) => ({ updatedAt: new Date(time), id }),
    encode: ({ updatedAt, id }): [number, string] => [updatedAt.getTime(), id],
  }),
);

/** The workspace-template list's cursor: the last template's `createdAt` (ms) and id. */
export const templateCursor = cursorCodec(
  z.codec(z.tuple([z.number(), idSchema('tpl')]), z.object({ createdAt: z.date(), id: z.string() }), {
    decode: ([time, id]) => ({ createdAt: new Date(time), id }),
    encode: ({ createdAt, id }): [number, string] => [createdAt.getTime(), id],
  }),
);
