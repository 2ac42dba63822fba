import { beforeAll, describe, expect, it } from 'vitest';
import { cluster } from '../../../scripts/gen/knative/cluster.ts';
import { at, variables } from './hcl-values.ts';
import { loadModules, type Module } from './terraform-files.ts';

/** `v1.18.0`, `1.18` → `1.18`. */
const minorOf = (version: unknown): string => /^v?(\d+\.\d+)(\.\d+)?$/.exec(String(version))?.[1] ?? `not a version: ${String(version)}`;

/**
 * docs/observability.md's panels and alerts use the OpenCensus metric names of Knative Serving up to
 * 1.18; the dead-letter sink's event-display image is pinned to a release tag. Both must follow the
 * Knative that Terraform installs.
 */
describe('Knative versions (terraform/, the generated manifests and the observability docs)', () => {
  let modules: Map<string, Module>;
  const defaultOf = (dir: string, name: string): unknown => at(variables(modules.get(dir)!.documents)[name], 'default');

  beforeAll(async () => {
    modules = await loadModules();
  });

  it("should install Serving and Eventing of the Knative Operator's own minor version", () => {
    expect(minorOf(defaultOf('modules/knative', 'knative_version'))).toBe(
      minorOf(defaultOf('modules/cluster-addons', 'knative_operator_version')),
    );
  });

  it('should stay at Knative 1.18 or earlier, whose metric names the dashboard and alerts use', () => {
    const [major, minor] = minorOf(defaultOf('modules/knative', 'knative_version')).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeLessThanOrEqual(18);
  });

  it('should pin the event-display image to a release tag of the installed minor version', () => {
    const tag = /:(v\d+\.\d+\.\d+)$/.exec(cluster.deadLetters.image)?.[1];
    expect(tag, cluster.deadLetters.image).toBeDefined();
    expect(minorOf(tag)).toBe(minorOf(defaultOf('modules/knative', 'knative_version')));
  });
});
