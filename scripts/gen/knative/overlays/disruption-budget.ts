import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { cluster, serviceLabel } from '../cluster.ts';
import { validated } from '../validated.ts';

/**
 * Keeps a function's warm floor through voluntary disruptions (node drains, upgrades, the
 * cluster autoscaler's scale-down): at least one pod of the Service stays up. With a floor of
 * one, a drain of that pod's node waits until Knative has another pod ready elsewhere or an
 * operator moves it (GKE upgrades honour a PDB for up to an hour). A pod that is not ready
 * does not hold a drain up (`AlwaysAllow`).
 */
export const buildDisruptionBudget = (name: string, labels: Record<string, string>): PodDisruptionBudget =>
  validated(
    new PodDisruptionBudget({
      metadata: { name, namespace: cluster.namespace, labels },
      spec: {
        minAvailable: 1,
        selector: { matchLabels: { [serviceLabel]: name } },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    }),
    'PodDisruptionBudget',
  );
