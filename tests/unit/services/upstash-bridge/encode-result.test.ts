import { describe, expect, it } from 'vitest';
import { encodeResult, requestedEncoding } from '../../../../scripts/services/upstash-bridge/encode-result.ts';

describe('encodeResult', () => {
  it.each([
    ['a Buffer', Buffer.from('ü'), 'w7w='],
    ['a string', 'OK', 'T0s='],
    ['a number', 42, 42],
    ['null', null, null],
    ['nested arrays', [Buffer.from('a'), [Buffer.from('b'), 7, null]], ['YQ==', ['Yg==', 7, null]]],
    ['an empty Buffer', Buffer.alloc(0), ''],
  ])('should base64-encode strings and keep numbers and null when the reply is %s', (_label, reply, expected) => {
    expect(encodeResult(reply, 'base64')).toEqual(expected);
  });

  it('should keep the bytes of binary values when they are not valid UTF-8', () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);

    expect(Buffer.from(encodeResult(bytes, 'base64') as string, 'base64')).toEqual(bytes);
  });

  it('should return text when utf8 is asked for', () => {
    expect(encodeResult([Buffer.from('Grüße'), 1], 'utf8')).toEqual(['Grüße', 1]);
  });

  it('should send the message when an error is nested in a reply', () => {
    expect(encodeResult([new Error('ERR boom')], 'utf8')).toEqual(['ERR boom']);
  });
});

describe('requestedEncoding', () => {
  it.each([
    ['base64', 'base64'],
    ['BASE64', 'base64'],
    [undefined, 'utf8'],
    ['json', 'utf8'],
  ] as const)('should answer %s with %s', (header, expected) => {
    expect(requestedEncoding(header)).toBe(expected);
  });
});
