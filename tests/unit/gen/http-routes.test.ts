import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant';
import { describe, expect, it } from 'vitest';
import { buildHttpRoutes, maxRulesPerRoute } from '../../../scripts/gen/knative/http-routes.ts';
import { buildReferenceGrant } from '../../../scripts/gen/knative/reference-grant.ts';
import { toPlain } from '../../../scripts/gen/knative/to-plain.ts';
import { httpFunction } from './fixtures.ts';

const flowRoutes = (count: number) =>
  Array.from({ length: count }, (_, i) => httpFunction({ name: `flows-op-${i}`, path: `/v1/flows/op-${String(i).padStart(2, '0')}` }));

describe('buildHttpRoutes', () => {
  it('should split a domain into HTTPRoutes of at most 16 rules when it has more routes', () => {
    const routes = buildHttpRoutes(flowRoutes(maxRulesPerRoute + 1)).map((r) => toPlain<IHTTPRoute>(r));
    expect(routes.map((r) => [r.metadata?.name, r.spec.rules?.length])).toEqual([
      ['api-flows', 16],
      ['api-flows-2', 1],
    ]);
  });

  it('should keep one HTTPRoute named after the domain when it has exactly 16 routes', () => {
    expect(buildHttpRoutes(flowRoutes(maxRulesPerRoute)).map((r) => r.metadata?.name)).toEqual(['api-flows']);
  });

  it('should give each domain its own HTTPRoute, sorted, when functions span domains', () => {
    const routes = buildHttpRoutes([httpFunction(), httpFunction({ name: 'ops-health', domain: 'ops', path: '/v1/health' })]);
    expect(routes.map((r) => r.metadata?.name)).toEqual(['api-flows', 'api-ops']);
  });

  it('should rewrite the host to the function and send it to the Knative local gateway when a rule is built', () => {
    const [route] = buildHttpRoutes([httpFunction()]).map((r) => toPlain<IHTTPRoute>(r));
    expect(route?.spec.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'uxflow-public', namespace: 'gateway', sectionName: 'https' },
    ]);
    expect(route?.spec.hostnames).toEqual(['api.uxflow.example']);
    expect(route?.spec.rules?.[0]).toEqual({
      matches: [{ method: 'GET', path: { type: 'RegularExpression', value: '^/v1/flows/[^/]+$' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'flows-get.uxflow.svc.cluster.local' } }],
      backendRefs: [{ group: '', kind: 'Service', name: 'knative-local-gateway', namespace: 'istio-system', port: 80 }],
    });
  });

  it('should put the fallback rule last when the domain also has specific routes', () => {
    const fallback = httpFunction({ name: 'ops-not-found', domain: 'ops', path: '/*', hide: true });
    const health = httpFunction({ name: 'ops-health', domain: 'ops', path: '/v1/health' });
    const rules = buildHttpRoutes([fallback, health])[0]?.spec.rules ?? [];
    expect(rules.map((r) => r.matches?.[0]?.path?.type)).toEqual(['Exact', 'PathPrefix']);
  });
});

describe('buildReferenceGrant', () => {
  it('should live in istio-system and allow only HTTPRoutes of uxflow to the local gateway', () => {
    const grant = toPlain<IReferenceGrant>(buildReferenceGrant());
    expect(grant.metadata?.namespace).toBe('istio-system');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'uxflow' }],
      to: [{ group: '', kind: 'Service', name: 'knative-local-gateway' }],
    });
  });
});
