import { generatedNotice, jsonFile, type GeneratedFile } from '../generated-file.ts';
import { secretSuffix } from '../knative/runtime-secret-keys.ts';

export const runtimeSecretsTfPath = 'terraform/modules/platform/runtime-secrets.tf.json';

/**
 * `terraform/modules/platform/runtime-secrets.tf.json`: `local.runtime_secrets`, secret id suffix →
 * variable (`"mongodb-uri" = "MONGODB_URI"`), from the same key list as the ExternalSecret, so that
 * Terraform creates exactly the Secret Manager secrets the functions' runtime Secret reads.
 * Terraform's JSON syntax takes a `"//"` property as a comment; keys come sorted.
 */
export const renderRuntimeSecretsTf = (keys: readonly string[]): GeneratedFile =>
  jsonFile(runtimeSecretsTfPath, {
    '//': `${generatedNotice} The runtime secrets come from scripts/gen/knative/runtime-secret-keys.ts (every required config variable).`,
    locals: { runtime_secrets: Object.fromEntries(keys.map((key) => [secretSuffix(key), key])) },
  });
