import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { cluster } from './cluster.ts';
import { validated } from './validated.ts';

const metadata = (name: string) => ({ name, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } });

/**
 * A ceiling for the whole namespace, so a runaway autoscaler (or a bad max-scale) stops at a
 * known cost instead of at the node pools' limits. Sized for the production floor (one pod per
 * critical function) plus bursts; the Terraform node pools are sized to hold it.
 */
export const namespaceQuota = {
  pods: '300',
  'requests.cpu': '32',
  'requests.memory': '64Gi',
  'limits.cpu': '128',
  'limits.memory': '96Gi',
} as const;

export const buildResourceQuota = (): ResourceQuota =>
  validated(new ResourceQuota({ metadata: metadata('uxflow-quota'), spec: { hard: { ...namespaceQuota } } }), 'ResourceQuota');

/**
 * Defaults for containers that declare no resources of their own: Knative's queue-proxy
 * sidecar sets only a CPU request, and a quota on limits refuses any pod with a container
 * without limits. Also a per-container maximum, so no single revision can ask for a node.
 */
export const buildLimitRange = (): LimitRange =>
  validated(
    new LimitRange({
      metadata: metadata('uxflow-limits'),
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: '25m', memory: '32Mi' },
            default: { cpu: '500m', memory: '128Mi' },
            max: { cpu: '2', memory: '2Gi' },
          },
        ],
      },
    }),
    'LimitRange',
  );
