import { at, locals, resources, variables } from './hcl-values.ts';
import type { Module } from './terraform-files.ts';

export const costLabels = ['team', 'cost-center', 'env', 'service'] as const;

/** Where each resource type that takes labels keeps them. */
export const labelPaths: Record<string, readonly string[]> = {
  google_container_cluster: ['resource_labels'],
  google_container_node_pool: ['node_config', 'resource_labels'],
  google_compute_address: ['labels'],
  google_compute_global_address: ['labels'],
  google_artifact_registry_repository: ['labels'],
  google_secret_manager_secret: ['labels'],
  kubernetes_namespace_v1: ['metadata', 'labels'],
  kubernetes_service_v1: ['metadata', 'labels'],
  kubernetes_stateful_set_v1: ['metadata', 'labels'],
  kubernetes_network_policy_v1: ['metadata', 'labels'],
  kubernetes_manifest: ['manifest', 'metadata', 'labels'],
  mongodbatlas_project: ['tags'],
  // Atlas cluster tags are blocks, one per label, made by `dynamic "tags"` over the labels map.
  mongodbatlas_advanced_cluster: ['dynamic', 'tags', 'for_each'],
};

/** Types whose API has no labels (checked, so that a new resource type is classified on purpose). */
export const unlabelledTypes = new Set([
  'google_billing_budget',
  'google_compute_firewall',
  'google_compute_managed_ssl_certificate',
  'google_compute_network',
  'google_compute_region_commitment',
  'google_compute_reservation',
  'google_compute_router',
  'google_compute_router_nat',
  'google_compute_subnetwork',
  'google_project_iam_member',
  'google_secret_manager_secret_iam_member',
  'google_service_account',
  'google_service_account_iam_member',
  'helm_release',
  'mongodbatlas_cloud_backup_schedule',
  'mongodbatlas_project_ip_access_list',
  'upstash_redis_database',
]);

/**
 * The label keys an expression is sure to carry: a literal map's keys; `var.labels` brings team,
 * cost-center and env (its validation requires them, see `labelVariableViolations`); `local.x`
 * is followed; a `'key':` inside a merge() adds that key.
 */
export function labelKeys(expression: unknown, moduleLocals: Record<string, unknown>, depth = 0): Set<string> {
  if (expression !== null && typeof expression === 'object' && !Array.isArray(expression)) return new Set(Object.keys(expression));
  if (typeof expression !== 'string' || depth > 5) return new Set();
  const keys = new Set<string>();
  if (/\bvar\.labels\b/.test(expression)) ['team', 'cost-center', 'env'].forEach((key) => keys.add(key));
  for (const [, key] of expression.matchAll(/'([a-z-]+)':/g)) keys.add(key!);
  for (const [, name] of expression.matchAll(/\blocal\.([a-z_]+)\b/g)) {
    labelKeys(moduleLocals[name!], moduleLocals, depth + 1).forEach((key) => keys.add(key));
  }
  return keys;
}

/** `<module> <type>.<name>: …` for every resource that lacks a cost label or is unclassified. */
export function labelViolations(modules: Iterable<Module>): string[] {
  return [...modules].flatMap((module) => {
    const moduleLocals = locals(module.documents);
    return resources(module.documents).flatMap(({ type, name, body }) => {
      const where = `${module.dir} ${type}.${name}`;
      const path = labelPaths[type];
      if (path === undefined)
        return unlabelledTypes.has(type) ? [] : [`${where}: unclassified type (add it to labelPaths or unlabelledTypes)`];
      const keys = labelKeys(at(body, ...path), moduleLocals);
      const missing = costLabels.filter((label) => !keys.has(label));
      return missing.length === 0 ? [] : [`${where}: missing ${missing.join(', ')}`];
    });
  });
}

/** Every module's `labels` variable must require team, cost-center and env in its validation. */
export function labelVariableViolations(modules: Iterable<Module>): string[] {
  return [...modules].flatMap((module) => {
    const labels = variables(module.documents).labels;
    if (labels === undefined) return [];
    const raw = at(labels, 'validation', 'condition');
    const condition = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
    const missing = ['team', 'cost-center', 'env'].filter((key) => !condition.includes(`"${key}"`) && !condition.includes(`'${key}'`));
    return missing.length === 0 ? [] : [`${module.dir} var.labels: validation does not require ${missing.join(', ')}`];
  });
}
