import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { isCronFunction, isEventFunction, isHttpFunction } from '../function-kinds.ts';
import { yamlFile, type GeneratedFile } from '../generated-file.ts';
import { buildBroker } from './broker.ts';
import { buildDeadLetterService } from './dead-letters.ts';
import { usedConfigFragments } from '../config-fragments.ts';
import { buildExternalSecret } from './external-secret.ts';
import { runtimeSecretKeys } from './runtime-secret-keys.ts';
import { buildHttpRoutes } from './http-routes.ts';
import { buildKustomization } from './kustomization.ts';
import { buildLimitRange, buildResourceQuota } from './namespace-limits.ts';
import { buildNamespace } from './namespace.ts';
import { buildNetworkPolicies } from './network-policies.ts';
import { buildPingSource } from './ping-source.ts';
import { buildReferenceGrant } from './reference-grant.ts';
import { buildService } from './service.ts';
import { buildTriggers } from './triggers.ts';

/** Everything `npm run gen` owns under this directory; a file here that it did not write is stale. */
export const knativeBaseDir = 'knative/base';

interface Manifest {
  /** Relative to knative/base. */
  file: string;
  object: { toJSON(): unknown };
}

const nameOf = (object: { metadata?: { name?: string } | undefined }): string => {
  if (!object.metadata?.name) throw new Error('a generated manifest has no name');
  return object.metadata.name;
};

/** A plain object (a kind without a typed model) in the shape the typed models have. */
const plainObject = (document: object): Manifest['object'] => ({ toJSON: () => document });

/** The namespace and what every function in it shares: limits, network rules, the runtime secret. */
const namespaceManifests = (secretKeys: readonly string[]): Manifest[] => [
  { file: 'namespace.yaml', object: buildNamespace() },
  { file: 'namespace/resource-quota.yaml', object: buildResourceQuota() },
  { file: 'namespace/limit-range.yaml', object: buildLimitRange() },
  ...buildNetworkPolicies().map((policy) => ({ file: `network-policies/${nameOf(policy)}.yaml`, object: policy })),
  { file: 'secrets/uxflow-runtime.yaml', object: plainObject(buildExternalSecret(secretKeys)) },
];

const manifests = (definitions: readonly NamedFunction[]): Manifest[] => [
  ...namespaceManifests(runtimeSecretKeys(usedConfigFragments(definitions))),
  ...definitions.map((d) => ({ file: `services/${d.name}.yaml`, object: buildService(d) })),
  ...buildHttpRoutes(definitions.filter(isHttpFunction)).map((route) => ({ file: `routes/${nameOf(route)}.yaml`, object: route })),
  { file: 'routes/reference-grant.yaml', object: buildReferenceGrant() },
  { file: 'eventing/broker.yaml', object: buildBroker() },
  { file: 'eventing/dead-letters.yaml', object: buildDeadLetterService() },
  ...definitions
    .filter(isEventFunction)
    .flatMap(buildTriggers)
    .map((t) => ({ file: `eventing/triggers/${nameOf(t)}.yaml`, object: t })),
  ...definitions.filter(isCronFunction).map((d) => ({ file: `eventing/pingsources/${d.name}.yaml`, object: buildPingSource(d) })),
];

/** Every object of knative/base as plain JSON with its file (relative to knative/base): what the Helm chart templates. */
export const knativeBaseObjects = (definitions: readonly NamedFunction[]): { file: string; object: Record<string, unknown> }[] =>
  manifests(definitions).map(({ file, object }) => ({ file, object: object.toJSON() as Record<string, unknown> }));

/** knative/base: one file per object (each built as a typed model and validated), plus the kustomization. */
export const renderKnativeBase = (definitions: readonly NamedFunction[]): GeneratedFile[] => {
  const built = manifests(definitions);
  return [
    ...built.map(({ file, object }) => yamlFile(`${knativeBaseDir}/${file}`, object.toJSON())),
    yamlFile(`${knativeBaseDir}/kustomization.yaml`, buildKustomization(built.map(({ file }) => file))),
  ];
};
