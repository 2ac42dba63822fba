import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeBundleOptions } from '../../../scripts/build/bundle.ts';
import { repoRoot } from '../../../scripts/lib/paths.ts';

/**
 * Packages a knowledge function carries in its bundle but must evaluate only on first use (the
 * Chroma client builds Node's fetch classes, hence undici; the AI SDK and the parsers build schemas
 * and regular expressions): docs/platform.md, "Bundles and cold starts".
 */
const onFirstUse = ['chromadb', 'ai', '@ai-sdk/openai', '@ai-sdk/gateway', 'marked', 'htmlparser2', 'unpdf'];

const packageOf = (input: string) => {
  const parts = input.split('node_modules/').at(-1)!.split('/');
  return input.includes('node_modules/') ? parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1).join('/') : null;
};

/** The inputs a bundle evaluates as it loads: reachable from its entry through static imports and requires only. */
const evaluatedAtLoad = (metafile: Metafile, entry: string) => {
  const seen = new Set<string>();
  const visit = (input: string) => {
    if (seen.has(input)) return;
    seen.add(input);
    for (const edge of metafile.inputs[input]?.imports ?? []) if (edge.kind !== 'dynamic-import' && !edge.external) visit(edge.path);
  };
  visit(entry);
  return seen;
};

const bundle = async (name: string, file: string) => {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'uxflow-start-')), `${name}.bundle.cjs`);
  const { metafile } = await build({ ...codeBundleOptions(name, file, outfile), logLevel: 'error' });
  const entry = Object.keys(metafile.inputs).find((input) => input.endsWith(`${name}.entry.ts`))!;
  return { outfile, metafile, entry };
};

const functions = {
  'knowledge-upload-document': 'functions/knowledge/upload-document.ts',
  'knowledge-query': 'functions/knowledge/query.ts',
} as const;
const built = new Map<string, Awaited<ReturnType<typeof bundle>>>();

describe('what a knowledge bundle evaluates at start', () => {
  beforeAll(async () => {
    for (const [name, file] of Object.entries(functions)) built.set(name, await bundle(name, file));
  }, 120_000);

  it.each(Object.keys(functions))('should carry the heavy packages of %s but evaluate none of them at start', (name) => {
    const { metafile, entry } = built.get(name)!;
    const bundled = new Set(Object.keys(metafile.inputs).map(packageOf));
    const atLoad = new Set([...evaluatedAtLoad(metafile, entry)].map(packageOf));
    expect(onFirstUse.filter((pkg) => bundled.has(pkg)).length).toBeGreaterThanOrEqual(3);
    expect(onFirstUse.filter((pkg) => atLoad.has(pkg))).toEqual([]);
  });

  it('should register without loading undici', () => {
    const { outfile } = built.get('knowledge-upload-document')!;
    const script = `require(${JSON.stringify(outfile)});
      console.log(JSON.stringify(process.moduleLoadList.filter((m) => /undici/.test(m))));`;
    const env = { ...process.env, APP_ENV: 'test', LOG_LEVEL: 'silent', NODE_PATH: path.join(repoRoot, 'node_modules') };
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env }))).toEqual([]);
  }, 30_000);
});
