import { z } from '@hono/zod-openapi';
import { DomainError } from '../../kernel/index.ts';

const invalidCursor = () => new DomainError('invalid', 'INVALID_CURSOR', { detail: 'The cursor is not one this API gave out.' });

/**
 * An opaque page cursor: the sort key of the last item listed, as base64url JSON. `key` states the
 * key's JSON shape (a `z.codec` when the key holds dates); a cursor that does not decode to it is
 * INVALID_CURSOR (400), never a query built from outside input.
 */
export const cursorCodec = <S extends z.ZodType>(key: S) => ({
  encode: (last: z.output<S>): string => Buffer.from(JSON.stringify(z.encode(key, last))).toString('base64url'),
  /** @throws DomainError INVALID_CURSOR for anything `encode` did not make. */
  decode: (cursor: string): z.output<S> => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const decoded = key.safeDecode(value as z.input<S>);
    if (!decoded.success) throw invalidCursor();
    return decoded.data;
  },
});

/**
 * One page of a list: reads one item more than `limit`, so whether another page follows is known
 * without counting; `next` is `nextOf` the page's last item, or null on the last page.
 */
export const page = async <T, N>(
  limit: number,
  read: (limit: number) => Promise<readonly T[]>,
  nextOf: (last: T) => N,
): Promise<{ items: T[]; next: N | null }> => {
  const found = await read(limit + 1);
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return { items, next: found.length > limit && last !== undefined ? nextOf(last) : null };
};

/** The query of a cursor-paged list: `cursor` (the previous page's `nextCursor`) and `limit` (1–100). */
export const pageQuery = (defaultLimit: number) =>
  z.object({
    cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  });

/** The body of a cursor-paged list. */
export const pageOf = <S extends z.ZodType>(item: S) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
