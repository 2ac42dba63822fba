import type { LocalRoute } from './manifests.ts';

const rank = { Exact: 0, RegularExpression: 1, PathPrefix: 2 } as const;

const pathMatches = (route: LocalRoute, path: string): boolean => {
  switch (route.pathType) {
    case 'Exact':
      return path === route.pathValue;
    case 'RegularExpression':
      return new RegExp(route.pathValue).test(path);
    case 'PathPrefix': {
      // Gateway API prefixes match whole path elements: `/v1` matches `/v1/x`, not `/v1x`.
      const prefix = route.pathValue.replace(/\/$/, '');
      return path === prefix || path.startsWith(`${prefix}/`) || prefix === '';
    }
  }
};

/**
 * The Service an HTTPRoute sends a request to, with the Gateway API's precedence: an Exact path
 * before anything else, the longest PathPrefix before a shorter one, a rule naming the method
 * before one that does not. Regular expressions are implementation-specific; here they come after
 * Exact paths and before prefixes, the longer pattern first (the generated ones never overlap for
 * one method). The method-less `/` prefix is the fallback function.
 */
export const routeRequest = (routes: readonly LocalRoute[], method: string, path: string): string | undefined =>
  routes
    .filter((route) => (route.method === undefined || route.method === method) && pathMatches(route, path))
    .sort(
      (a, b) =>
        rank[a.pathType] - rank[b.pathType] ||
        b.pathValue.length - a.pathValue.length ||
        Number(a.method === undefined) - Number(b.method === undefined),
    )[0]?.service;
