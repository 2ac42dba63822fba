import { cluster } from './cluster.ts';
import { remoteSecretName } from './runtime-secret-keys.ts';

/** An External Secrets Operator object (no typed model in our dependencies; its schema is checked by the deploy tests). */
export interface ExternalSecretManifest {
  apiVersion: 'external-secrets.io/v1';
  kind: 'ExternalSecret';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    refreshInterval: string;
    secretStoreRef: { kind: 'ClusterSecretStore'; name: string };
    target: { name: string; creationPolicy: 'Owner'; deletionPolicy: 'Retain' };
    data: { secretKey: string; remoteRef: { key: string; version: string } }[];
  };
}

/**
 * The `uxflow-runtime` Secret every function reads (`envFrom`), kept in sync with GCP Secret
 * Manager by the External Secrets Operator: one Secret Manager secret per required variable,
 * latest version, re-read hourly. The repository holds names only, never a value. A missing
 * secret in Secret Manager fails the sync and names the key, before any function starts.
 */
export const buildExternalSecret = (keys: readonly string[]): ExternalSecretManifest => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: cluster.runtimeSecret, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { kind: 'ClusterSecretStore', name: cluster.secretStore },
    // Retain: a store outage or a deleted ExternalSecret must not take the running functions' configuration away.
    target: { name: cluster.runtimeSecret, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteSecretName(key), version: 'latest' } })),
  },
});
