import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { parseHclFiles } from '../../../scripts/tools/hcl.ts';
import { readWorkflow } from '../workflow/workflow-files.ts';
import { at, moduleCall, resources, variables } from './hcl-values.ts';
import { loadModules, terraformDir, type Module } from './terraform-files.ts';

const environments = ['staging', 'production'] as const;
type Kustomization = { images?: { name: string; newName?: string }[] };

/** The image name the overlay of `env` gives `uxflow-functions`. */
const overlayImage = (env: string): string | undefined =>
  (parse(readFileSync(fromRoot('knative', 'overlays', env, 'kustomization.yaml'), 'utf8')) as Kustomization).images?.find(
    (image) => image.name === 'uxflow-functions',
  )?.newName;

/**
 * Where Terraform puts the image for `env`: `<region>-docker.pkg.dev/<project>/<repository id>/functions`, with the
 * region's default from the stack (the env roots do not set it), the project from the env's terraform.tfvars.example and the platform module's
 * Artifact Registry repository id (a literal: each environment is its own project).
 */
const terraformImage = (modules: Map<string, Module>, env: string, project: unknown): string => {
  expect(moduleCall(modules.get(`envs/${env}`)!.documents, 'stack')).not.toHaveProperty('region');
  const region = at(variables(modules.get('stack')!.documents).region, 'default');
  const registry = resources(modules.get('modules/platform')!.documents).find((r) => r.type === 'google_artifact_registry_repository');
  return `${String(region)}-docker.pkg.dev/${String(project)}/${String(at(registry?.body, 'repository_id'))}/functions`;
};

describe('image names (terraform/, knative/overlays and the workflows agree)', () => {
  let modules: Map<string, Module>;
  const projects = new Map<string, unknown>();

  beforeAll(async () => {
    modules = await loadModules();
    const files = environments.map((env) => join(terraformDir, 'envs', env, 'terraform.tfvars.example'));
    const parsed = await parseHclFiles(files);
    environments.forEach((env, index) => {
      const result = parsed.get(files[index]!);
      projects.set(env, result && 'document' in result ? at(result.document, 'project_id') : undefined);
    });
  });

  it('should give each environment its own GCP project', () => {
    expect(new Set(projects.values()).size).toBe(environments.length);
  });

  it.each(environments)('should point the %s overlay at the repository Terraform creates in that project', (env) => {
    expect(overlayImage(env)).toBe(terraformImage(modules, env, projects.get(env)));
  });

  it("should push to the overlays' image names and deploy by digest without renaming", () => {
    const runs = (file: string) => Object.values(readWorkflow(file).jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ''));
    expect(runs('ci.yml').some((run) => run.includes('knative/overlays/*/kustomization.yaml') && run.includes('newName:'))).toBe(true);
    expect(runs('deploy.yml').some((run) => run.includes('kustomize edit set image "uxflow-functions=*@${DIGEST}"'))).toBe(true);
  });
});
