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
  /** Runtime configuration for every function (an ExternalSecret later). */
  runtimeSecret: 'uxflow-runtime',
  broker: 'default',
  brokerUrl: 'http://broker-ingress.knative-eventing.svc.cluster.local/uxflow/default',
  gateway: { name: 'uxflow-public', namespace: 'gateway', sectionName: 'https' },
  /** Placeholder; each overlay patches the public API host. */
  apiHost: 'api.uxflow.example',
  localGateway: { name: 'knative-local-gateway', namespace: 'istio-system', port: 80 },
} as const;

/** The in-cluster host Knative routes to a cluster-local Service. */
export const serviceHost = (name: string) => `${name}.${cluster.namespace}.svc.cluster.local`;

/** A reference to a function's Knative Service, as a Trigger or PingSource sink names it. */
export const serviceRef = (name: string) => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name });
