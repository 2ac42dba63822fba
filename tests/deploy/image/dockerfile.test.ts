import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleExternals, mongodbOptionalAddons } from '../../../scripts/build/bundle.ts';
import { imageEntrypoint } from '../../../scripts/build/function-command.ts';
import { exec } from '../../../scripts/tools/exec.ts';
import { toolPath } from '../../../scripts/tools/python-tools.ts';
import { repoRoot } from '../../../scripts/services/paths.ts';

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+\s/.test(line));
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const hadolintConfig = join(repoRoot, '.hadolint.yaml');

describe('Dockerfile', () => {
  let hadolint: string;
  const scratch = mkdtempSync(join(tmpdir(), 'uxflow-hadolint-'));

  beforeAll(async () => {
    hadolint = await toolPath('hadolint');
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('should pass hadolint with no rule ignored', async () => {
    expect(readFileSync(hadolintConfig, 'utf8')).toMatch(/^ignored: \[\]$/m);
    const result = await exec(hadolint, ['--config', hadolintConfig, '--no-color', 'Dockerfile']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('should make hadolint fail on an unpinned base image', async () => {
    const broken = join(scratch, 'Dockerfile');
    writeFileSync(broken, 'FROM node:latest\nRUN npm install\nCMD node index.js\n');
    const result = await exec(hadolint, ['--config', hadolintConfig, '--no-color', broken]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('DL3007');
  });

  it('should build every stage from one pinned Node 24 image, the version of the node devDependency', () => {
    const images = instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(/\s+/)[1]);
    expect(images[0]).toMatch(/^node:24\.\d+\.\d+-bookworm-slim$/);
    // `npm run build` in the image runs the devDependency's Node: its code caches must match the runtime's.
    const { devDependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(images[0]).toBe(`node:${devDependencies.node}-bookworm-slim`);
    // The other stages start from the stages above, never from another image.
    const stages = new Set(instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(/\s+/)[3]));
    expect(images.slice(1).every((image) => stages.has(image))).toBe(true);
  });

  it('should run as a numeric non-root user without package managers', () => {
    expect(runtimeStage).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(runtimeStage).toContain('/usr/local/bin/npm');
    expect(runtimeStage).not.toMatch(/^RUN .*(apt-get install|npm (ci|install))/m);
  });

  it('should start the Functions Framework in exec form with the Node flags the code caches were made under', () => {
    const entrypoint = runtimeStage.split('\n').find((line) => line.startsWith('ENTRYPOINT '));
    expect(JSON.parse(entrypoint!.slice('ENTRYPOINT '.length))).toEqual(imageEntrypoint);
    expect(imageEntrypoint.at(-1)).toBe('node_modules/@google-cloud/functions-framework/build/src/main.js');
  });

  it('should install every bundle external the functions load at run time as a production dependency', () => {
    const { dependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const optional = new Set<string>(mongodbOptionalAddons);
    expect(bundleExternals.length).toBeGreaterThan(5);
    expect(bundleExternals.filter((name) => !optional.has(name) && dependencies[name] === undefined)).toEqual([]);
  });
});
