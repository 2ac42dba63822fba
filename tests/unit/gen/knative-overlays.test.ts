import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderKnativeOverlays } from '../../../scripts/gen/knative/overlays/index.ts';
import { placementIn } from '../../../scripts/gen/knative/overlays/placement.ts';
import { servicePatch } from '../../../scripts/gen/knative/overlays/service-patch.ts';
import { cronFunction, httpFunction } from './fixtures.ts';

const production = { name: 'production', hasCriticalFloors: true } as const;
const staging = { name: 'staging', hasCriticalFloors: false } as const;
const workload = { name: 'identity-login', tier: 'critical', spot: 'preferred', minScale: 0 } as const;
const critical = {
  ...httpFunction({ name: 'identity-login', domain: 'identity' }),
  costTags: { team: 'identity', costCenter: 'cc', tier: 'critical' as const },
};

describe('placementIn', () => {
  it('should give a critical function one warm instance on on-demand nodes when the environment keeps floors', () => {
    expect(placementIn(production, workload)).toEqual({ minScale: 1, spot: 'never' });
  });

  it('should scale everything to zero where its definition says when the environment keeps no floors', () => {
    expect(placementIn(staging, workload)).toEqual({ minScale: 0, spot: 'preferred' });
    expect(placementIn(production, { ...workload, tier: 'standard' })).toEqual({ minScale: 0, spot: 'preferred' });
  });

  it('should refuse a critical function that requires spot when the environment keeps floors', () => {
    expect(() => placementIn(production, { ...workload, spot: 'required' })).toThrow(/identity-login.*requires spot/);
  });
});

describe('servicePatch', () => {
  it('should set min-scale, require non-spot nodes and drop the spot toleration when moving off spot', () => {
    const operations = servicePatch({ minScale: 0, spot: 'preferred' }, { minScale: 1, spot: 'never' });
    expect(operations.map((o) => `${o.op} ${o.path}`)).toEqual([
      'replace /spec/template/metadata/annotations/autoscaling.knative.dev~1min-scale',
      'replace /spec/template/spec/affinity',
      'remove /spec/template/spec/tolerations',
    ]);
  });

  it('should be empty when nothing changes', () => {
    expect(servicePatch({ minScale: 0, spot: 'preferred' }, { minScale: 0, spot: 'preferred' })).toEqual([]);
  });
});

describe('renderKnativeOverlays', () => {
  const files = renderKnativeOverlays([critical, httpFunction(), cronFunction()]);
  const file = (path: string) => parse(files.find((f) => f.path === path)?.content ?? 'null') as Record<string, unknown> | null;

  it('should patch and protect only the critical function in production', () => {
    const kustomization = file('knative/overlays/production/kustomization.yaml') as { resources: string[]; patches: { path: string }[] };
    expect(kustomization.resources).toEqual(['../../base', 'disruption-budgets/identity-login.yaml']);
    expect(kustomization.patches.map((p) => p.path)).toEqual([
      'patches/env-label.yaml',
      'patches/app-env.yaml',
      'patches/api-host.yaml',
      'patches/services/identity-login.yaml',
    ]);
    expect(file('knative/overlays/production/disruption-budgets/identity-login.yaml')).toMatchObject({
      spec: { minAvailable: 1, selector: { matchLabels: { 'serving.knative.dev/service': 'identity-login' } } },
    });
  });

  it('should set the image, the env label and the API host and patch no Service in staging', () => {
    const kustomization = file('knative/overlays/staging/kustomization.yaml') as Record<string, unknown>;
    expect(kustomization).toMatchObject({ resources: ['../../base'], labels: [{ pairs: { env: 'staging' } }] });
    expect(kustomization.images).toEqual([
      { name: 'uxflow-functions', newName: expect.stringContaining('uxflow-staging') as string, newTag: 'main' },
    ]);
    expect(file('knative/overlays/staging/patches/api-host.yaml')).toEqual([
      { op: 'replace', path: '/spec/hostnames', value: ['api.staging.uxflow.example'] },
    ]);
    expect(files.some((f) => f.path.startsWith('knative/overlays/staging/patches/services/'))).toBe(false);
  });
});

describe('renderKnativeOverlays behind the CDN', () => {
  const plans = {
    ...httpFunction({ name: 'billing-list-plans', domain: 'billing', path: '/v1/billing/plans' }),
    access: { type: 'public' as const, reason: 'the price list is public' },
  };
  const checkout = {
    ...httpFunction({ name: 'billing-checkout', domain: 'billing', method: 'post', path: '/v1/billing/checkout' }),
    access: plans.access,
  };
  const files = renderKnativeOverlays([plans, checkout, httpFunction()]);
  const file = (path: string) => parse(files.find((f) => f.path === path)?.content ?? 'null') as unknown;

  it('should add the GCPHTTPFilter and reference it from the public GET rule only', () => {
    const kustomization = file('knative/overlays/production/kustomization.yaml') as { resources: string[]; patches: { path: string }[] };
    expect(kustomization.resources).toContain('cdn/gcp-http-filter.yaml');
    expect(kustomization.patches.map((p) => p.path)).toContain('patches/routes/api-billing-cdn.yaml');
    expect(file('knative/overlays/production/cdn/gcp-http-filter.yaml')).toMatchObject({
      kind: 'GCPHTTPFilter',
      spec: { cachePolicy: { cacheMode: 'USE_ORIGIN_HEADERS', negativeCaching: false } },
    });
    // Rules by path: /v1/billing/checkout (public POST) is rule 0, /v1/billing/plans (public GET) rule 1.
    expect(file('knative/overlays/production/patches/routes/api-billing-cdn.yaml')).toEqual([
      { op: 'test', path: '/spec/rules/1/filters/0/urlRewrite/hostname', value: 'billing-list-plans.uxflow.svc.cluster.local' },
      {
        op: 'add',
        path: '/spec/rules/1/filters/-',
        value: { type: 'ExtensionRef', extensionRef: { group: 'networking.gke.io', kind: 'GCPHTTPFilter', name: 'api-origin-cache' } },
      },
    ]);
    expect(files.some((f) => f.path.endsWith('/patches/routes/api-flows-cdn.yaml'))).toBe(false);
  });

  it('should add no filter when no route is a public GET', () => {
    const without = renderKnativeOverlays([httpFunction()]);
    expect(without.some((f) => f.path.includes('/cdn/') || f.path.includes('/patches/routes/'))).toBe(false);
  });
});

describe('the reviewed production scaling', () => {
  const reviewed = { tier: 'standard', minScale: 0, target: 100, containerConcurrency: 0, spot: 'preferred', reason: 'r' } as const;

  it('should decide the placement in production over the tier rule', () => {
    expect(placementIn(production, workload, reviewed)).toEqual({
      minScale: 0,
      spot: 'preferred',
      tier: 'standard',
      target: 100,
      containerConcurrency: 0,
    });
  });

  it('should refuse a warm floor outside tier critical or on spot, and spot for a function that never runs there', () => {
    expect(() => placementIn(production, workload, { ...reviewed, minScale: 1 })).toThrow(/tier critical go together/);
    expect(() => placementIn(production, workload, { ...reviewed, tier: 'critical', minScale: 1 })).toThrow(/on-demand/);
    expect(() => placementIn(production, { ...workload, spot: 'never' }, reviewed)).toThrow(/never runs on spot/);
  });

  it('should patch tier labels, retention and target, and drop the disruption budget, only in production', () => {
    const files = renderKnativeOverlays([critical, httpFunction(), cronFunction()], new Map([['identity-login', reviewed]]));
    const paths = files.map((f) => f.path);
    expect(paths).not.toContain('knative/overlays/production/disruption-budgets/identity-login.yaml');
    const patch = parse(files.find((f) => f.path === 'knative/overlays/production/patches/services/identity-login.yaml')!.content) as {
      path: string;
      value?: unknown;
    }[];
    expect(patch.map((o) => `${o.path}=${String(o.value)}`)).toEqual(
      expect.arrayContaining([
        '/spec/template/metadata/annotations/autoscaling.knative.dev~1target=100',
        '/metadata/labels/tier=standard',
        '/spec/template/metadata/labels/tier=standard',
        '/spec/template/metadata/annotations/autoscaling.knative.dev~1scale-to-zero-pod-retention-period=0s',
      ]),
    );
    expect(patch.some((o) => o.path.endsWith('min-scale'))).toBe(false);
    expect(paths).not.toContain('knative/overlays/staging/patches/services/identity-login.yaml');
  });

  it('should stop the generator when the file names a function that does not exist', () => {
    expect(() => renderKnativeOverlays([critical], new Map([['nobody-here', reviewed]]))).toThrow(/nobody-here/);
  });
});
