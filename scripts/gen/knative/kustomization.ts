import { compareText } from '../order.ts';

/**
 * The base kustomization: every generated manifest, sorted. No `namespace:` field on purpose:
 * kustomize would force it onto every object, moving the ReferenceGrant out of istio-system
 * (where it must live); each manifest names its namespace itself.
 */
export const buildKustomization = (resources: readonly string[]) => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  resources: [...resources].sort(compareText),
});
