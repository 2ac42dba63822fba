import { z } from '@hono/zod-openapi';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';

/** The ledger list's cursor: the last listed entry's number. */
export const ledgerCursor = cursorCodec(z.object({ seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }));
