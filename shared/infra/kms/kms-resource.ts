import path from 'node:path';
import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createGoogleKms } from './google-kms.ts';
import type { Kms } from './kms.ts';
import { createLocalKms } from './local-kms.ts';

export const kmsConfig = defineConfig({
  name: 'kms',
  shape: {
    /** `gcp` (Cloud KMS) in production; `local` (a key file) in development and tests only. */
    KMS_PROVIDER: z.enum(['local', 'gcp']),
    /** Cloud KMS: the CryptoKey that wraps the data keys (the local provider ignores it). */
    KMS_KEY_NAME: z
      .string()
      .regex(
        /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/,
        'must be projects/…/locations/…/keyRings/…/cryptoKeys/…',
      ),
    /** The local provider's key file (relative to the working directory), created on first use. */
    KMS_LOCAL_KEY_FILE: z.string().min(1).default('.data/kms/local-kek.json'),
  },
  devDefaults: { KMS_PROVIDER: 'local', KMS_KEY_NAME: 'projects/uxflow-dev/locations/europe-west1/keyRings/uxflow/cryptoKeys/data-keys' },
});

/** The key-encryption service of the data keys (shared/infra/crypto/data-keys.ts). */
export const kms = defineResource({
  name: 'kms',
  config: kmsConfig,
  recipient: { name: 'Google Cloud KMS', role: 'wraps the per-person data keys; sees no personal data (processor)' },
  create: (config): Kms =>
    config.KMS_PROVIDER === 'gcp' ? createGoogleKms(config.KMS_KEY_NAME) : createLocalKms(path.resolve(config.KMS_LOCAL_KEY_FILE)),
});
