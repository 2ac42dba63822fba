import { describe, expect, it } from 'vitest';
import { pathToRegex, routeMatch } from '../../../scripts/gen/knative/route-match.ts';

describe('pathToRegex', () => {
  it.each([
    ['/v1/flows/{flowId}', '^/v1/flows/[^/]+$'],
    ['/v1/flows/{flowId}/versions/{version}', '^/v1/flows/[^/]+/versions/[^/]+$'],
    ['/v1/files/{name}.json', null],
    ['/v1/a.b+c', '^/v1/a\\.b\\+c$'],
  ])('should convert %s when it is an OpenAPI path', (path, expected) => {
    if (expected === null) expect(() => pathToRegex(path)).toThrow(/unsupported/);
    else expect(pathToRegex(path)).toBe(expected);
  });

  it('should match one segment per parameter when the regex is applied', () => {
    const regex = new RegExp(pathToRegex('/v1/flows/{flowId}'));
    expect(regex.test('/v1/flows/abc')).toBe(true);
    expect(regex.test('/v1/flows/abc/versions')).toBe(false);
    expect(regex.test('/v1/flows/')).toBe(false);
  });
});

describe('routeMatch', () => {
  it('should match exactly with an upper-case method when the path has no parameters', () => {
    expect(routeMatch('post', '/v1/flows')).toEqual({ method: 'POST', path: { type: 'Exact', value: '/v1/flows' } });
  });

  it('should match by regular expression when the path has parameters', () => {
    expect(routeMatch('delete', '/v1/flows/{flowId}')).toEqual({
      method: 'DELETE',
      path: { type: 'RegularExpression', value: '^/v1/flows/[^/]+$' },
    });
  });

  it('should match every path and method when the route is the fallback', () => {
    expect(routeMatch('get', '/*')).toEqual({ path: { type: 'PathPrefix', value: '/' } });
  });
});
