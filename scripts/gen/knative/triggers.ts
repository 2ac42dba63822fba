import { Trigger } from '@kubernetes-models/knative/eventing.knative.dev/v1/Trigger';
import type { NamedEventFunction } from '../../../shared/platform/definition/identity.ts';
import { sortedBy } from '../order.ts';
import { cluster, serviceRef } from './cluster.ts';
import { assertDnsLabel } from './knative-admission.ts';
import { functionLabels } from './labels.ts';
import { triggerName } from './trigger-name.ts';
import { validated } from './validated.ts';

const trigger = (definition: NamedEventFunction, eventType: string): Trigger => {
  const name = triggerName(definition.name, eventType);
  assertDnsLabel('Trigger', name);
  return validated(
    new Trigger({
      metadata: { name, namespace: cluster.namespace, labels: functionLabels(definition) },
      spec: {
        broker: cluster.broker,
        filter: { attributes: { type: eventType } },
        subscriber: { ref: serviceRef(definition.name) },
      },
    }),
    'Trigger',
  );
};

/** One Trigger per subscribed CloudEvent type of an event function, filtered on `type`. */
export const buildTriggers = (definition: NamedEventFunction): Trigger[] =>
  sortedBy(new Set(definition.events), (type) => type).map((type) => trigger(definition, type));
