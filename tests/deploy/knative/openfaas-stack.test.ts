import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { revisionTemplate } from '../../../scripts/deploy-policy/pod-template.ts';
import { isKnativeService } from '../../../scripts/deploy-policy/types.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { readBase } from './builds.ts';

interface StackFunction {
  labels: Record<string, string>;
  limits: Record<string, string>;
  requests: Record<string, string>;
}

const stack = parse(readFileSync(fromRoot('openfaas', 'stack.yml'), 'utf8')) as { functions: Record<string, StackFunction> };
const costLabels = ['team', 'cost-center', 'service', 'domain', 'tier'] as const;

describe('openfaas/stack.yml against knative/base', () => {
  it('should declare the same functions with the same cost labels, limits and requests as the Knative Services', async () => {
    const services = (await readBase()).objects.map(({ object }) => object).filter(isKnativeService);
    const functions = services.filter((s) => s.metadata?.labels?.['uxflow.dev/trigger'] !== undefined);
    expect(Object.keys(stack.functions).sort()).toEqual(functions.map((s) => s.metadata?.name).sort());
    for (const service of functions) {
      const fn = stack.functions[service.metadata?.name ?? ''];
      const template = revisionTemplate(service);
      for (const label of costLabels) expect(fn?.labels[label], `${service.metadata?.name} ${label}`).toBe(template.labels[label]);
      expect(fn?.limits).toEqual(template.containers[0]?.resources?.limits);
      expect(fn?.requests).toEqual(template.containers[0]?.resources?.requests);
    }
  });
});
