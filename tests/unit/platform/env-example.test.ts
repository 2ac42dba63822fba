import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allConfigFragments } from '../../../shared/platform/config/all-fragments.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const envExample = Object.fromEntries(
  readFileSync(fromRoot('.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const readme = readFileSync(fromRoot('README.md'), 'utf8');

describe('.env.example and the README', () => {
  const variables = allConfigFragments.flatMap((fragment) => Object.keys(fragment.shape).map((name) => ({ fragment, name })));

  it.each(variables.map((v) => [v.name, v]))('should document %s when a fragment declares it', (name) => {
    expect(Object.keys(envExample)).toContain(name);
    expect(readme).toContain(`\`${name}\``);
  });

  it('should give the development value that the fragment falls back to when one exists', () => {
    for (const { fragment, name } of variables) {
      const devDefault = (fragment.devDefaults as Record<string, string | undefined>)[name];
      if (devDefault !== undefined) expect({ name, value: envExample[name] }).toEqual({ name, value: devDefault });
    }
  });
});
