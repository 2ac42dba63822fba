import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { configFragmentsOf } from '../../../shared/platform/runtime.ts';
import { cluster } from './cluster.ts';

/** Where the runtime Secret is mounted as files (a directory mount: kubelet refreshes it, unlike `subPath`). */
export const secretFilesDir = '/var/run/secrets/uxflow';
export const secretFilesVolume = 'runtime-secret-files';

/**
 * The secrets that are re-read from a file while the function runs (shared/infra/secrets/secret-source.ts):
 * rotated in Secret Manager, synced into the Secret by the ExternalSecret, swapped by kubelet, read
 * within 30 seconds, with no redeploy. Each needs `<NAME>_FILE` in a config fragment the function reads.
 */
const reloadableSecrets = ['AI_API_KEYS', 'EMBEDDINGS_API_KEY', 'SMTP_URL', 'STRIPE_WEBHOOK_SECRET'] as const;

/** The reloadable secrets a function reads, in name order. */
export const secretFilesOf = (definition: NamedFunction): string[] => {
  const variables = new Set(configFragmentsOf(definition).flatMap((fragment) => Object.keys(fragment.shape)));
  return reloadableSecrets.filter((name) => variables.has(name) && variables.has(`${name}_FILE`));
};

/** `<NAME>_FILE` for each, pointing into the mount. */
export const secretFileEnvironment = (definition: NamedFunction) =>
  secretFilesOf(definition).map((name) => ({ name: `${name}_FILE`, value: `${secretFilesDir}/${name}` }));

/** The container's read-only mount, when the function reads any. */
export const secretFileMounts = (definition: NamedFunction) =>
  secretFilesOf(definition).length === 0 ? [] : [{ name: secretFilesVolume, mountPath: secretFilesDir, readOnly: true }];

/**
 * The pod's volume: only the keys the function reads (the other secrets stay out of its file system).
 * Readable by all (0444): the files are root's and the container runs as another user with no fsGroup.
 */
export const secretFileVolumes = (definition: NamedFunction) => {
  const names = secretFilesOf(definition);
  if (names.length === 0) return [];
  return [
    {
      name: secretFilesVolume,
      secret: { secretName: cluster.runtimeSecret, defaultMode: 0o444, items: names.map((name) => ({ key: name, path: name })) },
    },
  ];
};
