import { NetworkPolicy, type INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { cluster } from './cluster.ts';
import { validated } from './validated.ts';

const byName = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const tcp = (port: number): INetworkPolicyPort => ({ protocol: 'TCP', port });

/** Private and link-local ranges: the SaaS rule below must not become a way into the cluster's own networks. */
const internalRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'];

/**
 * The backends a function may reach, by name. A NetworkPolicy cannot name an outside host, so
 * the managed services (MongoDB Atlas, Upstash, Stripe, Google and GitHub sign-in, the SMTP
 * relay) are allowed by port to public addresses only: 443 (HTTPS APIs), 27017 (MongoDB) and
 * 587 (SMTP submission). A cluster with an FQDN-aware policy (GKE FQDNNetworkPolicy, Cilium)
 * can narrow that rule to host names.
 */
export const namedBackends: readonly { name: string; rule: INetworkPolicyEgressRule }[] = [
  {
    name: 'dns',
    rule: {
      // kube-dns in kube-system, and GKE's NodeLocal DNSCache on its link-local address.
      to: [
        { ...byName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
        { ipBlock: { cidr: '169.254.20.10/32' } },
      ],
      ports: [tcp(53), { protocol: 'UDP', port: 53 }],
    },
  },
  {
    name: 'broker',
    // The broker's ingress Service listens on 80 and forwards to its pods' 8080.
    rule: { to: [{ ...byName('knative-eventing'), podSelector: {} }], ports: [tcp(8080), tcp(80)] },
  },
  {
    name: 'chromadb',
    // ChromaDB runs as a StatefulSet inside the cluster (Terraform), in whichever namespace it chose.
    rule: { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'chromadb' } } }], ports: [tcp(8000)] },
  },
  {
    name: 'saas',
    rule: { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: internalRanges } }], ports: [tcp(443), tcp(27017), tcp(587)] },
  },
];

const policy = (name: string, spec: INetworkPolicy['spec']): NetworkPolicy =>
  validated(
    new NetworkPolicy({
      metadata: { name, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } },
      spec,
    }),
    'NetworkPolicy',
  );

/**
 * Deny by default in both directions; let in only Knative's activator, the Istio gateways and
 * the broker (every request reaches a function through one of them) and Prometheus's scrape of
 * the queue-proxy metrics port; let out only the named backends. Policies are additive, so each allowance is its own object, named for what it allows.
 */
export const buildNetworkPolicies = (): NetworkPolicy[] => [
  policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  policy('allow-ingress-from-knative', {
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [{ from: cluster.callerNamespaces.map(byName) }],
  }),
  // Prometheus (knative/observability) scrapes the queue-proxy's request metrics, and nothing else.
  policy('allow-ingress-metrics-scrape', {
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [{ from: [byName(cluster.monitoringNamespace)], ports: [tcp(cluster.queueProxyMetricsPort)] }],
  }),
  ...namedBackends.map(({ name, rule }) => policy(`allow-egress-to-${name}`, { podSelector: {}, policyTypes: ['Egress'], egress: [rule] })),
];
