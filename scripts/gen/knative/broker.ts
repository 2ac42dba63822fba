import { Broker } from '@kubernetes-models/knative/eventing.knative.dev/v1/Broker';
import { cluster, serviceRef } from './cluster.ts';
import { validated } from './validated.ts';

/**
 * The namespace's broker: at-least-once delivery, five exponential retries starting at half a
 * second (about 15 s in all), then the event goes to the dead-letter Service. Each Trigger
 * inherits this delivery spec.
 */
export const buildBroker = (): Broker =>
  validated(
    new Broker({
      metadata: { name: cluster.broker, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } },
      spec: {
        delivery: {
          retry: 5,
          backoffPolicy: 'exponential',
          backoffDelay: 'PT0.5S',
          deadLetterSink: { ref: serviceRef(cluster.deadLetters.name) },
        },
      },
    }),
    'Broker',
  );
