import { Service } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { Container, type IContainer } from 'kubernetes-models/v1/Container';
import type { SpotPreference, Tier } from '../../../shared/platform/definition/metadata.ts';
import { sortedRecord } from '../order.ts';
import { cluster } from './cluster.ts';
import { hardenedSecurityContext } from './container.ts';
import { assertServiceAdmissible } from './knative-admission.ts';
import { livenessProbe, readinessProbe } from './probes.ts';
import { spotScheduling } from './spot-scheduling.ts';
import { autoscalingPrefix } from './template-annotations.ts';
import { toPlain } from './to-plain.ts';
import { validated } from './validated.ts';

/** A Service of the platform's own, not a function: what the policy checks expect of it. */
export interface PlatformService {
  name: string;
  tier: Tier;
  spot: SpotPreference;
}

export const deadLetterService: PlatformService = { name: cluster.deadLetters.name, tier: 'batch', spot: 'preferred' };

const labels = sortedRecord({
  'app.kubernetes.io/name': deadLetterService.name,
  'app.kubernetes.io/part-of': cluster.partOf,
  'cost-center': 'cc-platform',
  domain: 'ops',
  service: deadLetterService.name,
  team: 'platform',
  tier: deadLetterService.tier,
});

const container = (): IContainer =>
  toPlain<IContainer>(
    validated(
      new Container({
        name: cluster.containerName,
        image: cluster.deadLetters.image,
        ports: [{ name: 'http1', containerPort: cluster.containerPort }],
        resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
        readinessProbe: readinessProbe(),
        livenessProbe: livenessProbe(),
        securityContext: { ...hardenedSecurityContext, capabilities: { drop: [...hardenedSecurityContext.capabilities.drop] } },
      }),
      'Container of dead-letters',
    ),
  );

/**
 * The broker's dead-letter sink. No function can take every event type (each one checks the
 * types it subscribes to), so the sink is Knative's event-display image: it logs each event it
 * receives as one JSON line, where Cloud Logging keeps it and an alert on the log count can
 * fire. It holds no state, scales to zero, and prefers spot nodes like any batch work.
 */
export const buildDeadLetterService = (): Service => {
  const service = new Service({
    metadata: {
      name: deadLetterService.name,
      namespace: cluster.namespace,
      labels: sortedRecord({ ...labels, 'networking.knative.dev/visibility': 'cluster-local' }),
    },
    spec: {
      template: {
        metadata: {
          labels,
          annotations: sortedRecord({
            [`${autoscalingPrefix}class`]: 'kpa.autoscaling.knative.dev',
            [`${autoscalingPrefix}min-scale`]: '0',
            [`${autoscalingPrefix}max-scale`]: '2',
            [`${autoscalingPrefix}target`]: '100',
            'uxflow.dev/personal-data': 'none',
          }),
        },
        spec: { containerConcurrency: 0, timeoutSeconds: 30, containers: [container()], ...spotScheduling(deadLetterService.spot) },
      },
    },
  });
  assertServiceAdmissible(service);
  return validated(service, 'Service');
};
