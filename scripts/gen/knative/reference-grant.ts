import { ReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant';
import { cluster } from './cluster.ts';
import { validated } from './validated.ts';

/** Lets our HTTPRoutes (namespace uxflow) send traffic to Knative's local gateway Service, and nothing else. */
export const buildReferenceGrant = (): ReferenceGrant =>
  validated(
    new ReferenceGrant({
      metadata: { name: `${cluster.namespace}-httproutes`, namespace: cluster.localGateway.namespace },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: cluster.namespace }],
        to: [{ group: '', kind: 'Service', name: cluster.localGateway.name }],
      },
    }),
    'ReferenceGrant',
  );
