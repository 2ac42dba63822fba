/** An environment the functions are deployed to, with what its overlay changes in the base. */
export interface Environment {
  name: 'staging' | 'production';
  /** The public API host of this environment's HTTPRoutes. */
  apiHost: string;
  /** The function image; CI pins the pushed digest with `kustomize edit set image` before applying. */
  image: { newName: string; newTag: string };
  /**
   * Whether functions of tier `critical` keep one warm instance on on-demand nodes here.
   * Elsewhere every function scales to zero, wherever its definition lets it run.
   */
  hasCriticalFloors: boolean;
  /**
   * Whether the public Gateway here is a GKE global external Application Load Balancer with Cloud
   * CDN in front of the public GET routes (a GCPHTTPFilter on their rules; see scripts/gen/knative/cdn.ts).
   */
  isBehindCdn: boolean;
}

const registry = (project: string) => `europe-west1-docker.pkg.dev/${project}/uxflow/functions`;

/** Placeholders for the hosts and projects (`.example`): set them once, here, for a real installation. */
export const environments: readonly Environment[] = [
  {
    name: 'staging',
    apiHost: 'api.staging.uxflow.example',
    image: { newName: registry('uxflow-staging'), newTag: 'main' },
    hasCriticalFloors: false,
    isBehindCdn: true,
  },
  {
    name: 'production',
    apiHost: 'api.uxflow.example',
    image: { newName: registry('uxflow-production'), newTag: 'main' },
    hasCriticalFloors: true,
    isBehindCdn: true,
  },
];
