import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { idSchema, newId } from '../../../shared/kernel/index.ts';
import { cursorCodec, page } from '../../../shared/platform/http/paging.ts';

describe('idSchema', () => {
  it('should accept every id newId makes with its prefix', () => {
    for (let i = 0; i < 50; i++) expect(idSchema('wsp').safeParse(newId('wsp')).success).toBe(true);
  });

  it.each(['usr_0123456789abcdefghjk', 'wsp_0123456789abcdefghj', 'wsp_0123456789ABCDEFGHJK', ' wsp_0123456789abcdefghjk', ''])(
    'should refuse %j as a workspace id',
    (value) => {
      expect(idSchema('wsp').safeParse(value).success).toBe(false);
    },
  );
});

describe('cursorCodec', () => {
  const codec = cursorCodec(z.object({ seq: z.number().int().min(1) }));

  it('should decode what it encodes', () => {
    expect(codec.decode(codec.encode({ seq: 42 }))).toEqual({ seq: 42 });
  });

  it.each(['', 'not-base64!', Buffer.from('{"seq":0}').toString('base64url'), Buffer.from('[1]').toString('base64url')])(
    'should refuse %j with INVALID_CURSOR',
    (cursor) => {
      expect(() => codec.decode(cursor)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', kind: 'invalid' }) as Error);
    },
  );
});

describe('page', () => {
  const items = [5, 4, 3, 2, 1];
  const read = (limit: number) => Promise.resolve(items.slice(0, limit));

  it.each([
    [2, [5, 4], 4],
    [4, [5, 4, 3, 2], 2],
    [5, [5, 4, 3, 2, 1], null],
    [9, [5, 4, 3, 2, 1], null],
  ])('should answer a page of %i as %j continuing after %j', async (limit, expected, next) => {
    expect(await page(limit, read, (last) => last)).toEqual({ items: expected, next });
  });

  it('should ask the store for one item more than the page', async () => {
    const asked: number[] = [];
    await page(20, (limit) => (asked.push(limit), Promise.resolve([])), String);
    expect(asked).toEqual([21]);
  });
});
