import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { knativeCodeOptions } from '../../../scripts/build/bundle.ts';
import { codeCachePath, runBundle } from '../../../shared/platform/hosts/cold-start/code-cache.ts';

/** A CommonJS bundle like the build's: it exports and requires a built-in. */
const bundleSource = `
const os = require('node:os');
module.exports.platform = os.platform();
`;

const writeBundle = (source = bundleSource) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'uxflow-bundle-')), 'fn.bundle.cjs');
  writeFileSync(file, source);
  return file;
};

describe('running a bundle with its V8 code cache', () => {
  it('should run without a cache and say none was used', () => {
    const { isCacheUsed } = runBundle(writeBundle());
    expect(isCacheUsed).toBe(false);
  });

  it('should accept the cache it made for the same source', () => {
    const file = writeBundle();
    writeFileSync(codeCachePath(file), runBundle(file).script.createCachedData());
    expect(runBundle(file).isCacheUsed).toBe(true);
  });

  it('should reject a cache made for other source and still run', () => {
    const file = writeBundle();
    writeFileSync(codeCachePath(file), runBundle(file).script.createCachedData());
    writeFileSync(file, `${bundleSource}\nmodule.exports.changed = true;`);
    expect(runBundle(file).isCacheUsed).toBe(false);
  });

  it('should load an external on first use from a cached bundle, as the build writes it', async () => {
    const built = await build({
      stdin: { contents: "export const later = () => import('node:path').then((m) => m.sep);", loader: 'ts', resolveDir: process.cwd() },
      bundle: true,
      platform: 'node',
      write: false,
      external: ['node:path'],
      ...knativeCodeOptions,
    });
    const source = built.outputFiles[0]!.text;
    expect(source).not.toMatch(/\bimport\(/);
    const file = writeBundle(source);
    writeFileSync(codeCachePath(file), runBundle(file).script.createCachedData());
    const { exports, isCacheUsed } = runBundle(file);
    expect(isCacheUsed).toBe(true);
    await expect((exports as { later: () => Promise<string> }).later()).resolves.toBe(path.sep);
  });
});
