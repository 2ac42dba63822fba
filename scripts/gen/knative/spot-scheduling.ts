import { Affinity, type IAffinity } from 'kubernetes-models/v1/Affinity';
import { Toleration, type IToleration } from 'kubernetes-models/v1/Toleration';
import type { INodeSelectorTerm } from 'kubernetes-models/v1/NodeSelectorTerm';
import type { SpotPreference } from '../../../shared/platform/definition/metadata.ts';
import { toPlain } from './to-plain.ts';
import { validated } from './validated.ts';

const spotLabel = 'cloud.google.com/gke-spot';
const onSpot: INodeSelectorTerm = { matchExpressions: [{ key: spotLabel, operator: 'In', values: ['true'] }] };
const offSpot: INodeSelectorTerm = { matchExpressions: [{ key: spotLabel, operator: 'DoesNotExist' }] };

export interface Scheduling {
  affinity: IAffinity;
  tolerations?: IToleration[];
}

const spotToleration = (): IToleration[] => [
  toPlain<IToleration>(validated(new Toleration({ key: spotLabel, operator: 'Equal', value: 'true', effect: 'NoSchedule' }), 'Toleration')),
];

const affinity = (nodeAffinity: IAffinity['nodeAffinity']): IAffinity =>
  toPlain<IAffinity>(validated(new Affinity({ nodeAffinity }), 'Affinity'));

/**
 * Where a function's pods may run. GKE taints spot nodes, so using them takes a toleration;
 * `preferred` still falls back to on-demand nodes when no spot capacity is left.
 * (Knative accepts these fields only with `kubernetes.podspec-affinity` and
 * `kubernetes.podspec-tolerations` enabled in `config-features`.)
 */
export const spotScheduling = (spot: SpotPreference): Scheduling => {
  switch (spot) {
    case 'preferred':
      return {
        affinity: affinity({ preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: onSpot }] }),
        tolerations: spotToleration(),
      };
    case 'required':
      return {
        affinity: affinity({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [onSpot] } }),
        tolerations: spotToleration(),
      };
    case 'never':
      return { affinity: affinity({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [offSpot] } }) };
  }
};
