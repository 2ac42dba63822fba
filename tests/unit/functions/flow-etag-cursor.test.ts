import { describe, expect, it } from 'vitest';
import { flowCursor } from '../../../functions/flows/lib/cursor.ts';
import { etagOf, versionsFromIfMatch } from '../../../functions/flows/lib/etag.ts';

describe('versionsFromIfMatch', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['*', null],
    ['"v3"', [3]],
    ['W/"v3"', [3]],
    ['"v9", "v1"', [9, 1]],
    ['"abc"', []],
    ['v3', []],
    ['"v0"', []],
    ['"v3", "x"', [3]],
  ])('should read %j as %j', (header, expected) => {
    expect(versionsFromIfMatch(header)).toEqual(expected);
  });

  it('should read back the ETag it writes', () => {
    expect(versionsFromIfMatch(etagOf(42))).toEqual([42]);
  });
});

describe('page cursors', () => {
  it('should decode what it encodes', () => {
    const last = { updatedAt: new Date('2026-11-26T12:00:00.123Z'), id: 'flw_0123456789abcdefghjk' };
    expect(flowCursor.decode(flowCursor.encode(last))).toEqual(last);
  });

  it.each(['', 'not-base64!', Buffer.from('[1,"usr_x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])(
    'should refuse %j with INVALID_CURSOR',
    (cursor) => {
      expect(() => flowCursor.decode(cursor)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', kind: 'invalid' }) as Error);
    },
  );
});
