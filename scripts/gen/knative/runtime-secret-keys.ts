import type { ConfigFragment } from '../../../shared/platform/config/fragment.ts';
import { compareText } from '../order.ts';

/** Variables the generated manifests set themselves, so they never come from the secret. */
const setByManifests = new Set(['BROKER_URL']);

const isRequired = (schema: unknown) => !(schema as { safeParse(value: unknown): { success: boolean } }).safeParse(undefined).success;

/**
 * The variables that must come from the runtime secret: every variable without a default (the
 * functions refuse to start without it) of the config fragments the functions read (see
 * usedConfigFragments), less those set in the manifests. Optional variables keep their defaults
 * in production.
 */
export const runtimeSecretKeys = (fragments: readonly ConfigFragment[]): string[] =>
  [
    ...new Set(
      fragments.flatMap((fragment) =>
        Object.entries(fragment.shape)
          .filter(([name, schema]) => isRequired(schema) && !setByManifests.has(name))
          .map(([name]) => name),
      ),
    ),
  ].sort(compareText);

/** `MONGODB_URI` → `mongodb-uri`: the variable in kebab case, the key of Terraform's `local.runtime_secrets`. */
export const secretSuffix = (variable: string) => variable.toLowerCase().replace(/_/g, '-');

/**
 * `MONGODB_URI` → `uxflow-mongodb-uri`: the id of its secret in Secret Manager. Every environment is
 * its own GCP project, so the id carries no environment; Terraform creates the same ids
 * (`uxflow-${each.key}` over the generated `runtime-secrets.tf.json`).
 */
export const remoteSecretName = (variable: string) => `uxflow-${secretSuffix(variable)}`;
