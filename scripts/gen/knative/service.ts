import { Service } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { sortedRecord } from '../order.ts';
import { cluster } from './cluster.ts';
import { functionContainer } from './container.ts';
import { assertServiceAdmissible } from './knative-admission.ts';
import { functionLabels } from './labels.ts';
import { secretFileVolumes } from './secret-files.ts';
import { spotScheduling } from './spot-scheduling.ts';
import { templateAnnotations } from './template-annotations.ts';
import { validated } from './validated.ts';

/**
 * A function's Knative Service. Every Service is cluster-local: HTTP traffic arrives through
 * our HTTPRoutes on the public Gateway, events through the broker, ticks from a PingSource.
 * Cost tags go on both the Service (they reach Routes) and the template (they reach pods).
 */
export const buildService = (definition: NamedFunction): Service => {
  const labels = functionLabels(definition);
  const service = new Service({
    metadata: {
      name: definition.name,
      namespace: cluster.namespace,
      labels: sortedRecord({ ...labels, 'networking.knative.dev/visibility': 'cluster-local' }),
    },
    spec: {
      template: {
        metadata: { labels, annotations: templateAnnotations(definition) },
        spec: {
          containerConcurrency: 0,
          timeoutSeconds: definition.timeoutSeconds,
          containers: [functionContainer(definition)],
          ...(secretFileVolumes(definition).length > 0 ? { volumes: secretFileVolumes(definition) } : {}),
          ...spotScheduling(definition.spot),
        },
      },
    },
  });
  assertServiceAdmissible(service);
  return validated(service, 'Service');
};
