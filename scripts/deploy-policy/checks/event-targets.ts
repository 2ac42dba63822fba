import { describeObject, isKnativeService, type K8sObject, type PolicyCheck, type Violation } from '../types.ts';

interface Destination {
  ref?: { apiVersion?: string; kind?: string; name?: string; namespace?: string };
  uri?: string;
}

/** Where an eventing object sends its events, by field. */
const destinations = (object: K8sObject): [string, Destination | undefined][] => {
  const spec = object.spec ?? {};
  const delivery = (spec.delivery ?? {}) as { deadLetterSink?: Destination };
  switch (object.kind) {
    case 'Trigger':
      return [
        ['subscriber', spec.subscriber as Destination | undefined],
        ['delivery.deadLetterSink', delivery.deadLetterSink],
      ];
    case 'PingSource':
      return [['sink', spec.sink as Destination | undefined]];
    case 'Broker':
      return [['delivery.deadLetterSink', delivery.deadLetterSink]];
    default:
      return [];
  }
};

/**
 * Every Trigger and PingSource (and the broker's dead-letter sink) points at a Knative Service
 * that exists in the same namespace, and every Trigger names an existing Broker.
 */
export const eventTargetsCheck: PolicyCheck = {
  name: 'event-targets',
  description: 'every Trigger and PingSource points at an existing Service',
  run(objects) {
    const key = (o: K8sObject, name = o.metadata?.name) => `${o.metadata?.namespace ?? ''}/${name ?? ''}`;
    const services = new Set(objects.filter(isKnativeService).map((o) => key(o)));
    const brokers = new Set(objects.filter((o) => o.kind === 'Broker').map((o) => key(o)));
    return objects.flatMap((object): Violation[] => {
      const fail = (message: string): Violation => ({ check: this.name, object: describeObject(object), message });
      const violations = destinations(object).flatMap(([field, destination]): Violation[] => {
        if (destination === undefined) return field === 'delivery.deadLetterSink' ? [] : [fail(`${field} is missing`)];
        const ref = destination.ref;
        if (!ref) return [fail(`${field} is a URI (${destination.uri ?? '?'}), not a reference to a Service`)];
        if (ref.kind !== 'Service' || ref.apiVersion !== 'serving.knative.dev/v1')
          return [fail(`${field} is a ${ref.kind ?? '?'}, not a Knative Service`)];
        const target = `${ref.namespace ?? object.metadata?.namespace ?? ''}/${ref.name ?? ''}`;
        return services.has(target) ? [] : [fail(`${field} points at Service ${ref.name ?? '?'}, which does not exist`)];
      });
      const broker = object.kind === 'Trigger' ? (typeof object.spec?.broker === 'string' ? object.spec.broker : '') : null;
      if (broker !== null && !brokers.has(key(object, broker))) violations.push(fail(`broker ${broker || '?'} does not exist`));
      return violations;
    });
  },
};
