import { beforeAll, describe, expect, it } from 'vitest';
import { at, locals, moduleCall, resources, variables, type Resource } from './hcl-values.ts';
import { labelVariableViolations, labelViolations } from './label-policy.ts';
import { loadModules, type Module } from './terraform-files.ts';

const pool = (module: Module, name: string): Resource => {
  const found = resources(module.documents).find((r) => r.type === 'google_container_node_pool' && r.name === name);
  if (found === undefined) throw new Error(`node pool ${name} not found`);
  return found;
};

/** A number, or a `${var.x}` reference resolved to the variable's default. */
const resolveNumber = (module: Module, value: unknown): unknown => {
  const reference = typeof value === 'string' ? /^\$\{var\.([a-z_]+)\}$/.exec(value) : null;
  return reference === null ? value : at(variables(module.documents)[reference[1]!], 'default');
};

describe('terraform/ policy', () => {
  let modules: Map<string, Module>;
  const module = (dir: string): Module => {
    const found = modules.get(dir);
    if (found === undefined) throw new Error(`module ${dir} not found`);
    return found;
  };

  beforeAll(async () => {
    modules = await loadModules();
  });

  it('should carry team, cost-center, env and service on every resource that takes labels', () => {
    expect(labelViolations(modules.values())).toEqual([]);
    expect(labelVariableViolations(modules.values())).toEqual([]);
  });

  it('should name a resource whose labels lose the cost labels', () => {
    const cluster = module('modules/gke-cluster');
    const stripped = structuredClone(cluster);
    for (const r of resources(stripped.documents).filter((r) => r.type === 'google_container_cluster'))
      r.body.resource_labels = [{ env: 'x' }];
    expect(labelViolations([stripped])).toEqual(['modules/gke-cluster google_container_cluster.this: missing team, cost-center, service']);
  });

  it('should give the stack non-empty team and cost-center labels and its environment as env', () => {
    const labels = locals(module('stack').documents).labels as Record<string, unknown>;
    for (const key of ['team', 'cost-center']) expect(labels[key], key).toMatch(/\S/);
    expect(labels.env).toBe('${var.environment}');
  });

  it.each(['staging', 'production'])('should call the stack from envs/%s as that environment', (env) => {
    const call = moduleCall(module(`envs/${env}`).documents, 'stack');
    expect(call).toMatchObject({ source: '../../stack', environment: env });
  });

  it('should taint the spot pool and let it scale from 0 on spot VMs', () => {
    const spot = pool(module('modules/gke-cluster'), 'spot');
    expect(at(spot.body, 'node_config', 'spot')).toBe(true);
    expect(at(spot.body, 'node_config', 'taint')).toEqual({
      key: ['cloud.google.com/gke-spot'],
      value: ['true'],
      effect: ['NO_SCHEDULE'],
    });
    expect(at(spot.body, 'autoscaling', 'total_min_node_count')).toBe(0);
  });

  it('should keep the on-demand pool on regular VMs with at least 1 node', () => {
    const cluster = module('modules/gke-cluster');
    const onDemand = pool(cluster, 'on_demand');
    expect(at(onDemand.body, 'node_config', 'spot')).toBeUndefined();
    expect(at(onDemand.body, 'node_config', 'taint')).toBeUndefined();
    expect(resolveNumber(cluster, at(onDemand.body, 'autoscaling', 'total_min_node_count'))).toBe(1);
  });

  it('should default the 70/30 policy to 70 % spot', () => {
    expect(at(variables(module('modules/gke-cluster').documents).spot_share_percent, 'default')).toBe(70);
  });

  it('should set the Knative config-features flags to exactly "enabled"', () => {
    const knative = module('modules/knative');
    const serving = resources(knative.documents).find((r) => r.type === 'kubernetes_manifest' && r.name === 'knative_serving');
    const features = at(serving?.body, 'manifest', 'spec', 'config', 'features');
    const resolved = typeof features === 'string' ? locals(knative.documents)[/local\.([a-z_]+)/.exec(features)?.[1] ?? ''] : features;
    expect(resolved).toEqual({
      'kubernetes.podspec-affinity': 'enabled',
      'kubernetes.podspec-tolerations': 'enabled',
      'kubernetes.podspec-nodeselector': 'enabled',
    });
  });

  it('should alert at 50, 90 and 100 % of the budget', () => {
    expect(at(variables(module('modules/platform').documents).budget_alert_thresholds, 'default')).toEqual([0.5, 0.9, 1.0]);
  });
});
