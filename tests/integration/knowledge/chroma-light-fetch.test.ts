import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { knativeCodeOptions } from '../../../scripts/build/bundle.ts';
import { lightWeb } from '../../../scripts/build/light-web.ts';
import { repoRoot } from '../../../scripts/lib/paths.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

/**
 * The knowledge vector index as the Knative bundles carry it: the Chroma SDK built with the
 * light-web plugin, so its calls go through `lightFetch` (node:http) instead of Node's fetch. Run
 * in a fresh Node against the real Chroma: every call the index makes, and no undici loaded.
 */
let bundle: string;
let chromaUrl: string;

beforeAll(async () => {
  chromaUrl = requiredEnv(await ensureServices({ only: ['chroma'] }), 'CHROMA_URL');
  bundle = path.join(mkdtempSync(path.join(tmpdir(), 'uxflow-chroma-light-')), 'index.cjs');
  await build({
    stdin: {
      contents: [
        "export { chroma } from './shared/infra/chroma/chroma-client.ts';",
        "export { createChromaVectorIndex } from './shared/infra/chroma/knowledge-vector-index.ts';",
        "export { createRuntime } from './shared/platform/runtime.ts';",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    outfile: bundle,
    logLevel: 'error',
    ...knativeCodeOptions,
    plugins: [lightWeb],
  });
}, servicesHookTimeoutMs);

const script = `
const { chroma, createChromaVectorIndex, createRuntime } = require(process.env.BUNDLE);
const runtime = createRuntime({ name: 'knowledge-light-fetch', uses: [chroma] }, { APP_ENV: 'test', LOG_LEVEL: 'silent', CHROMA_URL: process.env.CHROMA_URL });
const vectors = createChromaVectorIndex(runtime.use(chroma), process.env.PREFIX);
const scope = { kind: 'workspace', workspaceId: process.env.WORKSPACE };
const space = { model: 'test-model', dimension: 2 };
const chunk = (id, text) => ({ id: 'doc_1:' + id, documentId: 'doc_1', title: 'T', tags: ['a'], headingPath: [], ordinal: id, text, documentHash: 'h1' });
(async () => {
  const missing = await vectors.nearest(scope, [1, 0], space, 2);
  await vectors.upsert(scope, [chunk(0, 'east'), chunk(1, 'north')], [[1, 0], [0, 1]], space);
  const nearest = (await vectors.nearest(scope, [0.9, 0.1], space, 2)).map((c) => c.text);
  const all = (await vectors.all(scope)).chunks.length;
  const listed = (await vectors.workspaceIds()).includes(process.env.WORKSPACE);
  await vectors.removeDocument(scope, 'doc_1');
  const afterRemove = (await vectors.all(scope)).chunks.length;
  await vectors.drop(scope);
  const afterDrop = await vectors.stamp(scope);
  const undici = process.moduleLoadList.filter((m) => /undici/.test(m));
  console.log(JSON.stringify({ missing, nearest, all, listed, afterRemove, afterDrop, undici }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('the Chroma SDK over lightFetch, as bundled', () => {
  it('should make every call of the knowledge vector index without loading undici', () => {
    const scriptFile = path.join(path.dirname(bundle), 'run.cjs');
    writeFileSync(scriptFile, script);
    const env = {
      ...process.env,
      BUNDLE: bundle,
      CHROMA_URL: chromaUrl,
      PREFIX: `it-light-${randomUUID().slice(0, 8)}`,
      WORKSPACE: `wsp_${randomUUID().slice(0, 8)}`,
    };
    expect(JSON.parse(execFileSync(process.execPath, [scriptFile], { encoding: 'utf8', env }))).toEqual({
      missing: [],
      nearest: ['east', 'north'],
      all: 2,
      listed: true,
      afterRemove: 0,
      afterDrop: null,
      undici: [],
    });
  }, 60_000);
});
