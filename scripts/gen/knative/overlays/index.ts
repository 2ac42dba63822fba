import type { NamedFunction, NamedHttpFunction } from '../../../../shared/platform/definition/identity.ts';
import { isHttpFunction } from '../../function-kinds.ts';
import { yamlFile, type GeneratedFile } from '../../generated-file.ts';
import { cluster } from '../cluster.ts';
import { deadLetterService } from '../dead-letters.ts';
import { functionLabels } from '../labels.ts';
import { cdnOverlay } from './cdn-patches.ts';
import { buildDisruptionBudget } from './disruption-budget.ts';
import { environments, type Environment } from './environments.ts';
import { placementIn, type PlacementInput } from './placement.ts';
import type { ScalingEntry } from '../../../finops/advise/scaling-file.ts';

/** The reviewed production scaling by function (finops/scaling/production.json); empty in tests unless given. */
export type ReviewedScaling = ReadonlyMap<string, ScalingEntry>;

const reviewedIn = (reviewed: ReviewedScaling, environment: Pick<Environment, 'name'>, name: string) =>
  environment.name === 'production' ? reviewed.get(name) : undefined;
import { servicePatch, type JsonPatchOperation } from './service-patch.ts';

/** Everything `npm run gen` owns under this directory. */
export const knativeOverlaysDir = 'knative/overlays';

const knativeService = { group: 'serving.knative.dev', version: 'v1', kind: 'Service' } as const;
const httpRoute = { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute' } as const;

interface Workload extends PlacementInput {
  target: number;
  labels: Record<string, string>;
}

/** The dead-letter sink's concurrency target (dead-letters.ts); no reviewed entry ever changes it. */
const deadLetterTarget = 100;

const workloads = (definitions: readonly NamedFunction[]): Workload[] => [
  ...definitions.map((d) => ({
    name: d.name,
    tier: d.costTags.tier,
    spot: d.spot,
    minScale: d.scaling.minScale,
    target: d.scaling.concurrency,
    labels: functionLabels(d),
  })),
  {
    ...deadLetterService,
    minScale: 0,
    target: deadLetterTarget,
    labels: { 'app.kubernetes.io/part-of': cluster.partOf, service: deadLetterService.name },
  },
];

interface Patch {
  file: string;
  operations: JsonPatchOperation[];
  target: Record<string, string>;
}

/** What every environment changes in every Service or route: its name on the pods, APP_ENV and the API host. */
const environmentPatches = (environment: Environment): Patch[] => [
  {
    file: 'patches/env-label.yaml',
    operations: [{ op: 'add', path: '/spec/template/metadata/labels/env', value: environment.name }],
    target: { ...knativeService },
  },
  {
    // Only functions read APP_ENV (they carry the trigger label); the guard fails the build if the base ever moves it.
    file: 'patches/app-env.yaml',
    operations: [
      { op: 'test', path: '/spec/template/spec/containers/0/env/0/name', value: 'APP_ENV' },
      { op: 'replace', path: '/spec/template/spec/containers/0/env/0/value', value: environment.name },
    ],
    target: { ...knativeService, labelSelector: 'uxflow.dev/trigger' },
  },
  {
    file: 'patches/api-host.yaml',
    operations: [{ op: 'replace', path: '/spec/hostnames', value: [environment.apiHost] }],
    target: { ...httpRoute },
  },
];

interface Resource {
  file: string;
  object: { toJSON(): unknown } | object;
}

/** Behind Cloud CDN: the GCPHTTPFilter and, per HTTPRoute with public GET routes, the patch that references it. */
const cdnPieces = (environment: Environment, http: readonly NamedHttpFunction[]): { resources: Resource[]; patches: Patch[] } => {
  if (!environment.isBehindCdn) return { resources: [], patches: [] };
  const { filter, patches } = cdnOverlay(http);
  return {
    resources: filter === null ? [] : [{ file: 'cdn/gcp-http-filter.yaml', object: filter }],
    patches: patches.map(({ route, operations }) => ({
      file: `patches/routes/${route}-cdn.yaml`,
      operations,
      target: { ...httpRoute, name: route },
    })),
  };
};

const plain = (object: Resource['object']): unknown =>
  'toJSON' in object && typeof object.toJSON === 'function' ? object.toJSON() : object;

/** One environment's overlay: its kustomization, its patches and a PodDisruptionBudget per warm floor. */
const renderOverlay = (
  environment: Environment,
  all: readonly Workload[],
  http: readonly NamedHttpFunction[],
  reviewed: ReviewedScaling,
): GeneratedFile[] => {
  const dir = `${knativeOverlaysDir}/${environment.name}`;
  const placed = all.map((w) => ({ workload: w, placement: placementIn(environment, w, reviewedIn(reviewed, environment, w.name)) }));
  const servicePatches: Patch[] = placed
    .map(({ workload, placement }) => ({
      file: `patches/services/${workload.name}.yaml`,
      operations: servicePatch(
        { minScale: workload.minScale, spot: workload.spot, tier: workload.tier, target: workload.target, containerConcurrency: 0 },
        placement,
      ),
      target: { ...knativeService, name: workload.name },
    }))
    .filter((patch) => patch.operations.length > 0);
  const budgets: Resource[] = placed
    .filter(({ placement }) => placement.minScale >= 1)
    .map(({ workload, placement }) => ({
      file: `disruption-budgets/${workload.name}.yaml`,
      object: buildDisruptionBudget(workload.name, placement.tier ? { ...workload.labels, tier: placement.tier } : workload.labels),
    }));
  const cdn = cdnPieces(environment, http);
  const resources = [...budgets, ...cdn.resources];
  const patches = [...environmentPatches(environment), ...servicePatches, ...cdn.patches];
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base', ...resources.map((r) => r.file)],
    labels: [{ pairs: { env: environment.name } }],
    images: [{ name: cluster.image, ...environment.image }],
    patches: patches.map(({ file, target }) => ({ path: file, target })),
  };
  return [
    yamlFile(`${dir}/kustomization.yaml`, kustomization),
    ...patches.map(({ file, operations }) => yamlFile(`${dir}/${file}`, operations)),
    ...resources.map(({ file, object }) => yamlFile(`${dir}/${file}`, plain(object))),
  ];
};

/**
 * knative/overlays/<env>: kustomize overlays of the base, one per environment. Generated like
 * the base, so a new critical function gets its production floor, node placement and
 * disruption budget from its definition alone.
 */
export const renderKnativeOverlays = (definitions: readonly NamedFunction[], reviewed: ReviewedScaling = new Map()): GeneratedFile[] => {
  const all = workloads(definitions);
  const unknown = [...reviewed.keys()].filter((name) => !all.some((w) => w.name === name));
  if (unknown.length > 0) throw new Error(`finops/scaling/production.json names functions that do not exist: ${unknown.join(', ')}`);
  const http = definitions.filter(isHttpFunction);
  return environments.flatMap((environment) => renderOverlay(environment, all, http, reviewed));
};

/** One workload's settings in one environment, complete (what the Helm chart's values list). */
export interface WorkloadSettings {
  name: string;
  tier: string;
  minScale: number;
  target: number;
  containerConcurrency: number;
  spot: string;
  /** The labels its PodDisruptionBudget carries (before the tier a reviewed entry may set). */
  labels: Record<string, string>;
}

/** How every workload runs in `environment`: the same placement the overlay patches in. */
export const environmentSettings = (
  environment: Environment,
  definitions: readonly NamedFunction[],
  reviewed: ReviewedScaling = new Map(),
): WorkloadSettings[] =>
  workloads(definitions).map((w) => {
    const placement = placementIn(environment, w, reviewedIn(reviewed, environment, w.name));
    return {
      name: w.name,
      tier: placement.tier ?? w.tier,
      minScale: placement.minScale,
      target: placement.target ?? w.target,
      containerConcurrency: placement.containerConcurrency ?? 0,
      spot: placement.spot,
      labels: w.labels,
    };
  });
