import { beforeAll, describe, expect, it } from 'vitest';
import { policyChecks } from '../../../scripts/deploy-policy/index.ts';
import { buildOverlay, environmentNamed, readBase, type Build } from './builds.ts';

const builds: [string, () => Promise<Build>][] = [
  ['knative/base', readBase],
  ['the built production overlay', () => buildOverlay(environmentNamed('production'))],
  ['the built staging overlay', () => buildOverlay(environmentNamed('staging'))],
];

describe.each(builds)('project policy over %s', (_, load) => {
  let build: Build;
  beforeAll(async () => {
    build = await load();
  });

  it.each(policyChecks.map((check) => [check.name, check] as const))('should pass %s', (_name, check) => {
    const objects = build.objects.map(({ object }) => object);
    expect(check.run(objects, build.context)).toEqual([]);
  });
});
