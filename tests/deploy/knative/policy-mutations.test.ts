import { beforeAll, describe, expect, it } from 'vitest';
import { checkPolicies, type K8sObject } from '../../../scripts/deploy-policy/index.ts';
import { buildOverlay, environmentNamed, readBase, type Build } from './builds.ts';

const named = (objects: readonly K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the generated manifests`);
  return found;
};

interface Template {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: { containers: Record<string, unknown>[]; tolerations?: unknown[]; affinity?: unknown };
}
const templateOf = (service: K8sObject) => service.spec?.template as Template;

/** Runs every check over the build after `mutate` changed a copy of its objects; returns the violations. */
const violationsAfter = (build: Build, mutate: (objects: K8sObject[]) => void) => {
  const objects = build.objects.map(({ object }) => structuredClone(object));
  mutate(objects);
  return checkPolicies(objects, build.context);
};

describe('a broken generated manifest', () => {
  let base: Build;
  let production: Build;
  beforeAll(async () => {
    base = await readBase();
    production = await buildOverlay(environmentNamed('production'));
  });

  it('should pass every check when nothing is broken', () => {
    expect(violationsAfter(base, () => {})).toEqual([]);
    expect(violationsAfter(production, () => {})).toEqual([]);
  });

  it('should fail cost-labels when a Service loses its team label', () => {
    const violations = violationsAfter(base, (objects) => {
      delete named(objects, 'Service', 'flows-get').metadata?.labels?.team;
    });
    expect(violations).toEqual([{ check: 'cost-labels', object: 'Service/flows-get', message: 'metadata label team is missing or empty' }]);
  });

  it('should fail cost-labels when a built Service template has an empty env label', () => {
    const violations = violationsAfter(production, (objects) => {
      templateOf(named(objects, 'Service', 'identity-login')).metadata.labels.env = '';
    });
    expect(violations).toEqual([
      { check: 'cost-labels', object: 'Service/identity-login', message: 'template label env is missing or empty' },
    ]);
  });

  it('should fail probes when a container loses its readiness probe', () => {
    const violations = violationsAfter(base, (objects) => {
      delete templateOf(named(objects, 'Service', 'identity-login')).spec.containers[0]?.readinessProbe;
    });
    expect(violations).toEqual([
      { check: 'probes', object: 'Service/identity-login', message: 'container function has no readinessProbe' },
    ]);
  });

  it('should fail event-targets when a Trigger points at a Service that does not exist', () => {
    const violations = violationsAfter(base, (objects) => {
      const trigger = named(objects, 'Trigger', 'ops-record-heartbeat--ops-heartbeat-v1');
      (trigger.spec as { subscriber: { ref: { name: string } } }).subscriber.ref.name = 'ops-missing';
    });
    expect(violations).toEqual([
      {
        check: 'event-targets',
        object: 'Trigger/ops-record-heartbeat--ops-heartbeat-v1',
        message: 'subscriber points at Service ops-missing, which does not exist',
      },
    ]);
  });

  it('should fail event-targets when a PingSource sink names a deleted Service', () => {
    const violations = violationsAfter(base, (objects) => {
      objects.splice(objects.indexOf(named(objects, 'Service', 'ops-heartbeat')), 1);
    });
    expect(violations.map((v) => [v.check, v.object])).toContainEqual(['event-targets', 'PingSource/ops-heartbeat']);
  });

  it('should fail resources when a container has no memory limit', () => {
    const violations = violationsAfter(base, (objects) => {
      const container = templateOf(named(objects, 'Service', 'flows-get')).spec.containers[0] as {
        resources: { limits: Record<string, string> };
      };
      delete container.resources.limits.memory;
    });
    expect(violations).toEqual([{ check: 'resources', object: 'Service/flows-get', message: 'container function has no limits.memory' }]);
  });

  it('should fail min-scale when a standard function keeps a warm instance', () => {
    const violations = violationsAfter(base, (objects) => {
      templateOf(named(objects, 'Service', 'flows-get')).metadata.annotations['autoscaling.knative.dev/min-scale'] = '1';
    });
    expect(violations.map((v) => v.check)).toContain('min-scale');
  });

  it('should fail scheduling and disruption-budgets when a critical function lands on spot or loses its budget in production', () => {
    const violations = violationsAfter(production, (objects) => {
      templateOf(named(objects, 'Service', 'identity-login')).spec.tolerations = [
        { key: 'cloud.google.com/gke-spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      ];
      objects.splice(objects.indexOf(named(objects, 'PodDisruptionBudget', 'identity-login')), 1);
    });
    expect(violations.map((v) => `${v.check} ${v.object}`)).toEqual([
      'scheduling Service/identity-login',
      'disruption-budgets Service/identity-login',
    ]);
  });

  it('should fail http-routes when a function path loses its rule', () => {
    const violations = violationsAfter(base, (objects) => {
      const route = named(objects, 'HTTPRoute', 'api-ops');
      const rules = (route.spec as { rules: unknown[] }).rules;
      rules.splice(0, 1);
    });
    expect(violations.map((v) => v.check)).toEqual(['http-routes']);
  });

  const rulesOf = (objects: K8sObject[], route: string) =>
    (named(objects, 'HTTPRoute', route).spec as { rules: { filters: Record<string, unknown>[] }[] }).rules;
  const ruleFor = (objects: K8sObject[], route: string, service: string) => {
    const found = rulesOf(objects, route).find((rule) =>
      rule.filters.some((f) => (f.urlRewrite as { hostname?: string } | undefined)?.hostname?.startsWith(`${service}.`)),
    );
    if (!found) throw new Error(`no rule for ${service} in HTTPRoute/${route}`);
    return found;
  };
  const isExtensionRef = (filter: Record<string, unknown>) => filter.type === 'ExtensionRef';

  it('should fail cdn when a public GET rule loses its CDN filter in production', () => {
    const violations = violationsAfter(production, (objects) => {
      const rule = ruleFor(objects, 'api-billing', 'billing-list-plans');
      rule.filters = rule.filters.filter((f) => !isExtensionRef(f));
    });
    expect(violations).toEqual([
      {
        check: 'cdn',
        object: 'HTTPRoute/api-billing',
        message: 'the public GET rule for billing-list-plans does not pass through the CDN',
      },
    ]);
  });

  it('should fail cdn when an authenticated route passes through the CDN', () => {
    const violations = violationsAfter(production, (objects) => {
      const cached = ruleFor(objects, 'api-billing', 'billing-list-plans').filters.find(isExtensionRef);
      ruleFor(objects, 'api-flows', 'flows-get').filters.push(structuredClone(cached!));
    });
    expect(violations).toEqual([
      {
        check: 'cdn',
        object: 'HTTPRoute/api-flows',
        message: 'the rule for flows-get passes through the CDN, but is not a public GET route',
      },
    ]);
  });

  it('should fail cdn when the filter would cache whatever the origin says', () => {
    const violations = violationsAfter(production, (objects) => {
      const filter = named(objects, 'GCPHTTPFilter', 'api-origin-cache');
      (filter.spec as { cachePolicy: Record<string, unknown> }).cachePolicy.cacheMode = 'FORCE_CACHE_ALL';
    });
    expect(violations.map((v) => `${v.check} ${v.object}`)).toEqual(['cdn GCPHTTPFilter/api-origin-cache']);
  });

  it('should fail cdn when knative/base carries the filter (the base stays portable)', () => {
    const violations = violationsAfter(base, (objects) => {
      ruleFor(objects, 'api-billing', 'billing-list-plans').filters.push({
        type: 'ExtensionRef',
        extensionRef: { group: 'networking.gke.io', kind: 'GCPHTTPFilter', name: 'api-origin-cache' },
      });
    });
    expect(violations.map((v) => v.check)).toContain('cdn');
  });

  it('should fail no-secret-values for a committed Secret and a literal credential in a container', () => {
    const violations = violationsAfter(base, (objects) => {
      objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { STRIPE_SECRET_KEY: 'x' } });
      const container = templateOf(named(objects, 'Service', 'flows-get')).spec.containers[0] as {
        env: { name: string; value: string }[];
      };
      container.env.push({ name: 'STRIPE_SECRET_KEY', value: 'sk_test_0123456789abcdef' });
    });
    expect(violations.map((v) => `${v.check} ${v.object}`).sort()).toEqual([
      'no-secret-values Secret/leak',
      'no-secret-values Service/flows-get',
    ]);
  });
});
