import { beforeAll, describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../scripts/deploy-policy/kustomize.ts';
import { parseYamlStream } from '../../../scripts/deploy-policy/manifests.ts';
import { helmChartDir } from '../../../scripts/gen/helm/chart.ts';
import { environments } from '../../../scripts/gen/knative/overlays/environments.ts';
import { ensureHelm } from '../../../scripts/services/helm.ts';
import { exec } from '../../../scripts/tools/exec.ts';

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

const keyOf = (object: Manifest) => `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
const byKey = (objects: unknown[]) => new Map((objects as Manifest[]).map((object) => [keyOf(object), object]));

let helm: string;
const run = async (args: string[]) => {
  const result = await exec(helm, args);
  if (result.code !== 0) throw new Error(`helm ${args.join(' ')} failed (exit ${result.code}): ${result.stderr}`);
  return result.stdout;
};

// Installs the pinned helm with `go install` when it is missing (several minutes the first time).
beforeAll(async () => {
  helm = await ensureHelm();
});

describe.each(environments.map((e) => [e.name] as const))('the Helm chart with values-%s.yaml', (name) => {
  it('should render the same objects as the kustomize overlay, object for object', async () => {
    const [rendered, built] = await Promise.all([
      run(['template', 'uxflow', helmChartDir, '-f', `${helmChartDir}/values-${name}.yaml`]),
      buildKustomization(`knative/overlays/${name}`),
    ]);
    const chart = byKey(parseYamlStream(rendered, 'helm template'));
    const overlay = byKey(parseYamlStream(built, 'kustomize build'));
    expect([...chart.keys()].sort()).toEqual([...overlay.keys()].sort());
    for (const [key, object] of overlay) expect(chart.get(key), key).toEqual(object);
  });

  it('should pass helm lint', async () => {
    const result = await exec(helm, ['lint', helmChartDir, '-f', `${helmChartDir}/values-${name}.yaml`]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});

describe('the Helm chart values schema', () => {
  it('should refuse a function setting outside the schema', async () => {
    const result = await exec(helm, ['template', 'uxflow', helmChartDir, '--set', 'functions.identity-login.spot=sometimes']);
    expect(result.code).not.toBe(0);
  });
});
