import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usedConfigFragments } from '../../../scripts/gen/config-fragments.ts';
import { loadDefinitions } from '../../../scripts/lib/load-definitions.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const envExample = Object.fromEntries(
  readFileSync(fromRoot('.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const readme = readFileSync(fromRoot('README.md'), 'utf8');
/** Read by something other than a function's fragments: loadConfig itself, the local mail sink and the tests. */
const notFromFragments = ['APP_ENV', 'MAIL_SINK_DIR'];

// The fragments the functions read (derived from their `uses`), so a new adapter's variables are checked without a list to update.
const fragments = usedConfigFragments((await loadDefinitions()).map(({ definition }) => definition));

describe('.env.example and the README', () => {
  const variables = fragments.flatMap((fragment) => Object.keys(fragment.shape).map((name) => ({ fragment, name })));

  it.each(variables.map((v) => [v.name, v]))('should document %s when a fragment a function reads declares it', (name) => {
    expect(Object.keys(envExample)).toContain(name);
    expect(readme).toContain(`\`${name}\``);
  });

  it('should give the development value that the fragment falls back to when one exists', () => {
    for (const { fragment, name } of variables) {
      const devDefault = (fragment.devDefaults as Record<string, string | undefined>)[name];
      if (devDefault !== undefined) expect({ name, value: envExample[name] }).toEqual({ name, value: devDefault });
    }
  });

  it('should list no variable that no function reads', () => {
    const read = new Set([...variables.map((v) => v.name), ...notFromFragments]);
    expect(Object.keys(envExample).filter((name) => !read.has(name))).toEqual([]);
  });
});
