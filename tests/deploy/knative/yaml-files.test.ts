import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listYamlFiles, parseYamlStream } from '../../../scripts/deploy-policy/manifests.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const files = [...(await listYamlFiles('knative')), ...(await listYamlFiles('openfaas'))];

describe('YAML under knative/ and openfaas/', () => {
  it('should find the generated base, both overlays and the OpenFaaS stack', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'knative/base/kustomization.yaml',
        'knative/overlays/staging/kustomization.yaml',
        'knative/overlays/production/kustomization.yaml',
        'openfaas/stack.yml',
      ]),
    );
  });

  it.each(files)('should parse %s', (file) => {
    expect(parseYamlStream(readFileSync(fromRoot(file), 'utf8'), file).length).toBeGreaterThan(0);
  });
});
