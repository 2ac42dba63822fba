import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, derivedId, idPattern } from '../../../shared/kernel/index.ts';

describe('derivedId', () => {
  it('should give the same id of newId’s shape for the same parts', async () => {
    const id = await derivedId('job', ['ai-job', 'usr_1', 'ai.messages', 'key-1']);
    expect(id).toMatch(idPattern('job'));
    expect(await derivedId('job', ['ai-job', 'usr_1', 'ai.messages', 'key-1'])).toBe(id);
  });

  it('should give different ids for parts that join to the same text', async () => {
    const a = await derivedId('job', ['ab', 'c']);
    const b = await derivedId('job', ['a', 'bc']);
    expect(a).not.toBe(b);
  });
});

describe('contentHash', () => {
  it('should not depend on the order of object keys, at any depth', async () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(await contentHash({ x: 1, y: [1, 2] })).toBe(await contentHash({ y: [1, 2], x: 1 }));
    expect(await contentHash({ x: 1, y: [1, 2] })).not.toBe(await contentHash({ x: 1, y: [2, 1] }));
  });
});
