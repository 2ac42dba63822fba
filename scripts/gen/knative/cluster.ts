/**
 * Names the base manifests assume about the cluster. Kustomize overlays patch what differs per
 * environment (the image, the API host); the rest is fixed by the Terraform install.
 */
export const cluster = {
  namespace: 'uxflow',
  partOf: 'uxflow',
  /** Placeholder; each overlay sets the real image with `images:`. */
  image: 'uxflow-functions',
  containerName: 'function',
  /** The port the Functions Framework listens on (Knative passes it as PORT; 8080 is its default). */
  containerPort: 8080,
  /** Runtime configuration for every function, synced from Secret Manager by an ExternalSecret. */
  runtimeSecret: 'uxflow-runtime',
  /** The ClusterSecretStore (GCP Secret Manager, Workload Identity) the platform install provides. */
  secretStore: 'gcp-secret-manager',
  broker: 'default',
  brokerUrl: 'http://broker-ingress.knative-eventing.svc.cluster.local/uxflow/default',
  /**
   * Where events go after the broker's last retry: a Service of Knative's event-display image,
   * pinned to the release tag of the Knative version Terraform installs (Knative's release
   * script tags every image of a versioned release `vX.Y.Z`; see docs/deploy.md). A test keeps
   * the tag's minor version equal to terraform/modules/knative's `knative_version`.
   */
  deadLetters: {
    name: 'dead-letters',
    image: 'gcr.io/knative-releases/knative.dev/eventing/cmd/event_display:v1.18.0',
  },
  gateway: { name: 'uxflow-public', namespace: 'gateway', sectionName: 'https' },
  /** Placeholder; each overlay patches the public API host. */
  apiHost: 'api.uxflow.example',
  localGateway: { name: 'knative-local-gateway', namespace: 'istio-system', port: 80 },
  /** Namespaces whose pods may call the functions: Knative's activator, the Istio gateways, the broker and PingSources. */
  callerNamespaces: ['istio-system', 'knative-eventing', 'knative-serving'],
  /** Where Prometheus runs (knative/observability) and the queue-proxy port it scrapes (`http-usermetric`). */
  monitoringNamespace: 'monitoring',
  queueProxyMetricsPort: 9091,
} as const;

/** The in-cluster host Knative routes to a cluster-local Service. */
export const serviceHost = (name: string) => `${name}.${cluster.namespace}.svc.cluster.local`;

/** A reference to a function's Knative Service, as a Trigger or PingSource sink names it. */
export const serviceRef = (name: string) => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name });

/** The label Knative puts on every pod of a Service's revisions. */
export const serviceLabel = 'serving.knative.dev/service';
