import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { isCronFunction, isEventFunction } from '../function-kinds.ts';
import { yamlFile, type GeneratedFile } from '../generated-file.ts';
import { cluster } from '../knative/cluster.ts';
import { functionEnvironment } from '../knative/container.ts';
import { functionLabels } from '../knative/labels.ts';
import { sortedRecord } from '../order.ts';

export const openFaasStackPath = 'openfaas/stack.yml';

/** Labels OpenFaaS reads for scaling, beside the same cost labels the Knative Services carry. */
const scalingLabels = (definition: NamedFunction): Record<string, string> => ({
  'com.openfaas.scale.min': String(definition.scaling.minScale),
  'com.openfaas.scale.max': String(definition.scaling.maxScale),
  'com.openfaas.scale.target': String(definition.scaling.concurrency),
  'com.openfaas.scale.type': 'capacity',
  ...(definition.scaling.minScale === 0 ? { 'com.openfaas.scale.zero': 'true' } : {}),
});

/** The cron connector invokes functions annotated `topic: cron-function` on their `schedule`; event connectors match `topic`. */
const triggerAnnotations = (definition: NamedFunction): Record<string, string> | undefined => {
  if (isCronFunction(definition)) return { topic: 'cron-function', schedule: definition.schedule };
  if (isEventFunction(definition)) return { topic: [...new Set(definition.events)].sort().join(',') };
  return undefined;
};

/** The broker's address is a Knative one; on OpenFaaS it comes with the rest of the runtime configuration. */
const environment = (definition: NamedFunction) =>
  sortedRecord(
    Object.fromEntries(
      functionEnvironment(definition)
        .filter((v) => v.name !== 'BROKER_URL')
        .map((v) => [v.name, v.value]),
    ),
  );

const stackFunction = (definition: NamedFunction) => {
  const annotations = triggerAnnotations(definition);
  return {
    lang: 'dockerfile',
    handler: '..',
    // The image is built once for every function (the Dockerfile at the repository root), never per function.
    image: `\${UXFLOW_IMAGE:-${cluster.image}:latest}`,
    skip_build: true,
    environment: environment(definition),
    labels: sortedRecord({ ...functionLabels(definition), ...scalingLabels(definition) }),
    ...(annotations ? { annotations } : {}),
    limits: { cpu: definition.resources.limits.cpu, memory: definition.resources.limits.memory },
    requests: { cpu: definition.resources.requests.cpu, memory: definition.resources.requests.memory },
    read_only_root_filesystem: true,
  };
};

/**
 * openfaas/stack.yml: the same functions for a team on OpenFaaS, with the same names, image,
 * labels and limits as the Knative Services. `faas-cli deploy -f openfaas/stack.yml` deploys it.
 */
export const renderOpenFaasStack = (definitions: readonly NamedFunction[]): GeneratedFile =>
  yamlFile(openFaasStackPath, {
    version: '1.0',
    provider: { name: 'openfaas', gateway: '${OPENFAAS_URL:-http://127.0.0.1:8080}' },
    functions: Object.fromEntries(definitions.map((d) => [d.name, stackFunction(d)])),
  });
