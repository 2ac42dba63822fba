import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { knativeCodeOptions } from '../../../scripts/build/bundle.ts';
import { functionNodeFlags } from '../../../scripts/build/function-command.ts';
import { codeCachePath, codeCacheRejectedCode, runBundle } from '../../../shared/platform/hosts/cold-start/code-cache.ts';

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

  it('should warn, naming the bundle, when it rejects a stale cache', () => {
    const file = writeBundle();
    writeFileSync(codeCachePath(file), runBundle(file).script.createCachedData());
    writeFileSync(file, `${bundleSource}\nmodule.exports.changed = true;`);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      runBundle(file);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('fn.bundle.cjs'), { code: codeCacheRejectedCode });
    } finally {
      warn.mockRestore();
    }
  });

  it('should use a cache made under the image Node flags in a process started with them, and say so when flags differ', () => {
    const file = writeBundle();
    const loader = path.join(path.dirname(file), 'run.ts');
    const codeCache = path.resolve('shared/platform/hosts/cold-start/code-cache.ts');
    writeFileSync(
      loader,
      `import { writeFileSync } from 'node:fs';\nimport { codeCachePath, runBundle } from ${JSON.stringify(codeCache)};\n` +
        `const { script, isCacheUsed } = runBundle(${JSON.stringify(file)});\n` +
        `if (process.argv[2] === 'make') writeFileSync(codeCachePath(${JSON.stringify(file)}), script.createCachedData());\n` +
        'console.log(isCacheUsed);\n',
    );
    execFileSync(process.execPath, [...functionNodeFlags, loader, 'make']);
    expect(execFileSync(process.execPath, [...functionNodeFlags, loader], { encoding: 'utf8' }).trim()).toBe('true');
    // V8 hashes most of its flags into a cache (not the heap sizes): one such flag more and it is refused.
    const otherFlags = spawnSync(process.execPath, [...functionNodeFlags, '--no-opt', loader], { encoding: 'utf8' });
    expect(otherFlags.stdout.trim()).toBe('false');
    expect(otherFlags.stderr).toContain(codeCacheRejectedCode);
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
