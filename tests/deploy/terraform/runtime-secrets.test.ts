import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { remoteSecretName } from '../../../scripts/gen/knative/runtime-secret-keys.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { parseHclFiles } from '../../../scripts/tools/hcl.ts';
import { at, locals, resources } from './hcl-values.ts';
import { loadModules, terraformDir, terraformFiles, terraformJsonFiles, type Module } from './terraform-files.ts';

type ExternalSecret = { spec: { data: { secretKey: string; remoteRef: { key: string } }[] } };

/** Secret Manager id → variable, as the generated ExternalSecret reads them. */
const externalSecretIds = (): Record<string, string> => {
  const secret = parse(readFileSync(fromRoot('knative', 'base', 'secrets', 'uxflow-runtime.yaml'), 'utf8')) as ExternalSecret;
  return Object.fromEntries(secret.spec.data.map((entry) => [entry.remoteRef.key, entry.secretKey]));
};

/** Secret Manager id → variable, as Terraform creates them (`secret_id` over `local.runtime_secrets`). */
const terraformIds = (platform: Module): Record<string, string> => {
  const secret = resources(platform.documents).find((r) => r.type === 'google_secret_manager_secret' && r.name === 'runtime');
  const template = String(at(secret?.body, 'secret_id'));
  const runtimeSecrets = locals(platform.documents).runtime_secrets as Record<string, string>;
  return Object.fromEntries(Object.entries(runtimeSecrets).map(([key, variable]) => [template.replace('${each.key}', key), variable]));
};

describe('runtime secrets (terraform/ against knative/)', () => {
  let platform: Module;

  beforeAll(async () => {
    const modules = await loadModules();
    platform = modules.get('modules/platform')!;
  });

  it('should create exactly the Secret Manager secrets that the ExternalSecret reads', () => {
    expect(terraformIds(platform)).toEqual(externalSecretIds());
  });

  it('should name each secret uxflow-<variable in kebab case>, without the environment', () => {
    for (const [id, variable] of Object.entries(terraformIds(platform))) expect(id).toBe(remoteSecretName(variable));
  });

  it('should take local.runtime_secrets only from the generated runtime-secrets.tf.json', async () => {
    const parsed = await parseHclFiles(terraformFiles().filter((file) => file.endsWith('.tf')));
    const handWritten = [...parsed]
      .filter(([, result]) => 'document' in result && 'runtime_secrets' in locals([result.document]))
      .map(([file]) => relative(terraformDir, file));
    expect(handWritten).toEqual([]);
    expect(terraformJsonFiles().map((file) => relative(terraformDir, file))).toEqual(['modules/platform/runtime-secrets.tf.json']);
  });

  it('should notice a secret Terraform would not create', () => {
    const broken = structuredClone(platform);
    for (const document of broken.documents)
      for (const block of (document.locals as Record<string, Record<string, string>>[] | undefined) ?? [])
        if (block.runtime_secrets) delete block.runtime_secrets['mongodb-uri'];
    expect(terraformIds(broken)).not.toHaveProperty('uxflow-mongodb-uri');
    expect(terraformIds(broken)).not.toEqual(externalSecretIds());
  });
});
