import type { IService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { autoscalingPrefix } from './template-annotations.ts';

const dnsLabel = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Kubernetes object name that must be a DNS-1035 label (≤ 63 characters). */
export const assertDnsLabel = (kind: string, name: string): void => {
  if (!dnsLabel.test(name)) throw new Error(`${kind} ${name}: the name must be a DNS label of at most 63 characters`);
};

/**
 * What Knative's admission webhook refuses but its CRD schema lets through (the schema treats
 * annotations as free-form): autoscaling annotations outside the revision template, a zero
 * initial scale without the cluster flag, and min-scale above max-scale.
 */
export const assertServiceAdmissible = (service: IService): void => {
  const name = service.metadata?.name ?? '(unnamed)';
  assertDnsLabel('Service', name);
  const own = Object.keys(service.metadata?.annotations ?? {}).filter((key) => key.startsWith(autoscalingPrefix));
  if (own.length > 0) throw new Error(`Service ${name}: ${own.join(', ')} must be set on spec.template.metadata, not on the Service`);
  const template = service.spec?.template?.metadata?.annotations ?? {};
  if (template[`${autoscalingPrefix}initial-scale`] === '0')
    throw new Error(`Service ${name}: initial-scale "0" needs allow-zero-initial-scale`);
  const min = Number(template[`${autoscalingPrefix}min-scale`] ?? 0);
  const max = Number(template[`${autoscalingPrefix}max-scale`] ?? Infinity);
  if (min > max) throw new Error(`Service ${name}: min-scale ${min} exceeds max-scale ${max}`);
};
