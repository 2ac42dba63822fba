import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { K8sObject } from './types.ts';

/** The parts of a Knative Service's revision template the checks read. */
export interface RevisionTemplate {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: IContainer[];
  affinity?: IAffinity;
  tolerations?: IToleration[];
}

interface TemplateShape {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: IContainer[]; affinity?: IAffinity; tolerations?: IToleration[] };
}

/** A Service's revision template, with missing parts as empty values. */
export const revisionTemplate = (service: K8sObject): RevisionTemplate => {
  const template = (service.spec?.template ?? {}) as TemplateShape;
  return {
    labels: template.metadata?.labels ?? {},
    annotations: template.metadata?.annotations ?? {},
    containers: template.spec?.containers ?? [],
    ...(template.spec?.affinity ? { affinity: template.spec.affinity } : {}),
    ...(template.spec?.tolerations ? { tolerations: template.spec.tolerations } : {}),
  };
};

export const minScaleOf = (template: RevisionTemplate): number => Number(template.annotations['autoscaling.knative.dev/min-scale'] ?? '0');
