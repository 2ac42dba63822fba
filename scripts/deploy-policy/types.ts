import type { Access, SpotPreference, Tier } from '../../shared/platform/definition/metadata.ts';
import type { Environment } from '../gen/knative/overlays/environments.ts';

/** One Kubernetes object as read from YAML: only what the checks look at is typed. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A broken rule: which check, which object (`Kind/name`), what is wrong. */
export interface Violation {
  check: string;
  object: string;
  message: string;
}

/** What the definitions say about a Service: its tier, spot preference and base min-scale. */
export interface Workload {
  name: string;
  tier: Tier;
  spot: SpotPreference;
  minScale: number;
}

/** An HTTP route a definition declares; each must have exactly one HTTPRoute rule. */
export interface DeclaredRoute {
  service: string;
  method: string;
  path: string;
  /** Who may call it (`public` GET routes go through the CDN where there is one). */
  access: Access['type'];
}

/** What the manifests are checked against. `base` is knative/base as generated, before any overlay. */
export interface PolicyContext {
  environment: 'base' | Pick<Environment, 'name' | 'hasCriticalFloors' | 'isBehindCdn'>;
  workloads: ReadonlyMap<string, Workload>;
  routes: readonly DeclaredRoute[];
}

/** A named rule over every object of a build. */
export interface PolicyCheck {
  name: string;
  /** One line for the docs and test names. */
  description: string;
  run(objects: readonly K8sObject[], context: PolicyContext): Violation[];
}

export const describeObject = (object: K8sObject) => `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;

export const isKnativeService = (object: K8sObject) => object.kind === 'Service' && object.apiVersion === 'serving.knative.dev/v1';
