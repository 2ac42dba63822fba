import { describe, expect, it } from 'vitest';
import { isWebUrl, nestsDeeperThan } from '../../../shared/kernel/index.ts';

describe('isWebUrl', () => {
  it.each<[string, Parameters<typeof isWebUrl>[1], boolean]>([
    ['https://cdn.example/a.png', {}, true],
    ['http://cdn.example/a.png', {}, false],
    ['http://localhost:5173/billing', { http: true }, true],
    ['javascript:alert(1)', { http: true }, false],
    ['data:image/png;base64,AAAA', {}, false],
    [' https://cdn.example/a.png', {}, false],
    ['https://www.figma.com/file/x', { hosts: ['figma.com'] }, true],
    ['https://figma.com.evil.example/file/x', { hosts: ['figma.com'] }, false],
    ['https://figma.com@evil.example/file/x', { hosts: ['figma.com'] }, false],
    ['/api/users/{id}', { relative: true }, true],
    ['/api/users/{id}', {}, false],
    ['java\nscript:alert(1)', { relative: true }, false],
    ['mailto:someone@example.com', { relative: true, http: true }, false],
  ])('should judge %j with %j as %s', (value, rules, expected) => {
    expect(isWebUrl(value, rules)).toBe(expected);
  });
});

describe('nestsDeeperThan', () => {
  it.each<[unknown, number, boolean]>([
    [1, 0, false],
    [{}, 1, false],
    [{}, 0, true],
    [{ a: [1, { b: [] }] }, 4, false],
    [{ a: [1, { b: [] }] }, 3, true],
  ])('should judge %j against %i levels as %s', (value, max, expected) => {
    expect(nestsDeeperThan(value, max)).toBe(expected);
  });

  it('should answer without overflowing the stack when a value nests 1,000,000 levels', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`) as unknown;
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });
});
