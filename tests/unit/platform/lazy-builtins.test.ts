import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { knativeCodeOptions } from '../../../scripts/build/bundle.ts';
import { slimmerDependencies } from '../../../scripts/build/slimmer-dependencies.ts';
import { repoRoot } from '../../../scripts/lib/paths.ts';

/** A package bundled as the build bundles it, to be loaded in a fresh Node. */
const bundlePackage = async (contents: string) => {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'uxflow-lazy-')), 'package.cjs');
  await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    outfile,
    logLevel: 'error',
    ...knativeCodeOptions,
    plugins: [slimmerDependencies],
  });
  return outfile;
};

const loaded = (script: string) =>
  JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { builtins: string[]; result: unknown };

describe('the MongoDB driver’s lazy built-ins', () => {
  it('should not load node:tls or node:dns when the driver loads, and load them on first use', async () => {
    const driver = await bundlePackage("export { MongoClient } from 'mongodb';");
    const script = `
      const builtins = () => process.moduleLoadList.filter((m) => /^NativeModule (tls|dns)$/.test(m)).map((m) => m.slice(13));
      const { MongoClient } = require(${JSON.stringify(driver)});
      const atLoad = builtins();
      // An encrypted connection attempt reaches node:tls through the stand-in.
      const client = new MongoClient('mongodb://127.0.0.1:1/?tls=true&serverSelectionTimeoutMS=50');
      client.connect().catch(() => {}).finally(() => {
        console.log(JSON.stringify({ builtins: atLoad, result: builtins() }));
        return client.close();
      });`;
    const { builtins, result } = loaded(script);
    expect(builtins).toEqual([]);
    expect(result).toContain('tls');
  });
});

describe('the CloudEvents SDK’s lazy built-ins', () => {
  it('should format an event without loading node:https (nor node:tls)', async () => {
    const sdk = await bundlePackage("export { CloudEvent, HTTP } from 'cloudevents';");
    const script = `
      const builtins = () => process.moduleLoadList.filter((m) => /^NativeModule (tls|https)$/.test(m)).map((m) => m.slice(13));
      const { CloudEvent, HTTP } = require(${JSON.stringify(sdk)});
      const atLoad = builtins();
      const message = HTTP.binary(new CloudEvent({ type: 'dev.uxflow.test', source: '/test', data: { a: 1 } }));
      console.log(JSON.stringify({ builtins: atLoad, result: [message.headers['ce-type'], ...builtins()] }));`;
    const { builtins, result } = loaded(script);
    expect(builtins).toEqual([]);
    expect(result).toEqual(['dev.uxflow.test']);
  });
});
