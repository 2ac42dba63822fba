import { describe, expect, it } from 'vitest';
import { readRoutes, readSchedules, readServices } from '../../../scripts/dev/gateway/manifests.ts';
import { routeRequest } from '../../../scripts/dev/gateway/routing.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const routes = await readRoutes(fromRoot('knative/base/routes'));

describe('the local gateway, routing by the generated HTTPRoutes', () => {
  it.each([
    ['GET', '/v1/health', 'ops-health'],
    ['GET', '/v1/health/dependencies', 'ops-dependencies'],
    ['POST', '/v1/auth/login', 'identity-login'],
    ['POST', '/v1/auth/refresh', 'identity-refresh'],
    ['GET', '/.well-known/jwks.json', 'identity-jwks'],
    ['GET', '/v1/workspaces/wsp_1/flows', 'flows-list'],
    // No rule for the method or the path: the method-less `/` prefix, the fallback function.
    ['DELETE', '/v1/health', 'ops-not-found'],
    ['OPTIONS', '/v1/auth/login', 'ops-not-found'],
    ['GET', '/v1/no-such-thing/42', 'ops-not-found'],
    ['GET', '/v1/health/', 'ops-not-found'],
  ])('should send %s %s to %s', (method, path, service) => {
    expect(routeRequest(routes, method, path)).toBe(service);
  });

  it('should prefer an Exact path to a regular expression that matches it too', () => {
    const overlapping = [
      { method: 'GET', pathType: 'RegularExpression' as const, pathValue: '^/v1/things/[^/]+$', service: 'by-id' },
      { method: 'GET', pathType: 'Exact' as const, pathValue: '/v1/things/mine', service: 'mine' },
    ];
    expect(routeRequest(overlapping, 'GET', '/v1/things/mine')).toBe('mine');
    expect(routeRequest(overlapping, 'GET', '/v1/things/thg_1')).toBe('by-id');
  });

  it('should know every Service a route names, and every PingSource sink', async () => {
    const services = new Set((await readServices(fromRoot('knative/base/services'))).map((s) => s.name));
    const schedules = await readSchedules(fromRoot('knative/base/eventing/pingsources'));
    expect(routes.every((route) => services.has(route.service))).toBe(true);
    expect(schedules.every((s) => services.has(s.service) && s.extensions.job === s.service && s.timezone === 'UTC')).toBe(true);
    expect(schedules.length).toBeGreaterThan(3);
  });
});
