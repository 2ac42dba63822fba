import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/paths.ts';

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

/**
 * The machine's own node may be older: `npm run` and `npx` put node_modules/.bin first on PATH,
 * where the `node` devDependency installs the Node that scripts, tests and builds run on.
 */
describe('the Node the scripts run on', () => {
  it('should be the exact version of the node devDependency, a Node 24', () => {
    expect(packageJson.devDependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(process.versions.node).toBe(packageJson.devDependencies.node);
  });

  it('should require Node 24 or later in engines', () => {
    expect(packageJson.engines.node).toBe('>=24');
  });
});
