import path from 'node:path';
import { dataKeyRewrap, type RewrapReport } from '../../shared/infra/crypto/data-key-rewrap.ts';
import { kmsConfig } from '../../shared/infra/kms/kms-resource.ts';
import { rotateLocalKek } from '../../shared/infra/kms/local-kms.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';

/**
 * `rotate-kek` (development): adds a version to the local key file and makes it primary. Cloud KMS
 * rotates by itself (a rotation period on the key, or `gcloud kms keys versions create --primary`).
 */
export const rotateKek = async (env: Record<string, string | undefined>): Promise<string> => {
  const config = loadConfig([kmsConfig], { APP_ENV: 'development', ...env });
  if (config.KMS_PROVIDER !== 'local') {
    throw new Error('rotate-kek rotates the local key file only; rotate Cloud KMS keys in Cloud KMS, then run rewrap-keys');
  }
  return rotateLocalKek(path.resolve(config.KMS_LOCAL_KEY_FILE));
};

/** `rewrap-keys`: what the cron functions/privacy/rewrap-data-keys.ts does, once, now. */
export const rewrapKeys = async (env: Record<string, string | undefined>): Promise<RewrapReport> => {
  const runtime = createRuntime({ name: 'privacy-rewrap', uses: [dataKeyRewrap] }, { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env });
  try {
    return await runtime.use(dataKeyRewrap).run();
  } finally {
    await runtime.close();
  }
};
