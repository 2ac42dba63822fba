import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleExternals, knativeCodeOptions } from '../../../scripts/build/bundle.ts';
import { repoRoot } from '../../../scripts/lib/paths.ts';

/** A one-page PDF whose only text is `text` (Helvetica, one content stream, exact xref offsets). */
const pdfWith = (text: string) => {
  const content = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
};

describe('PDF extraction in a Knative bundle', () => {
  it('should load pdf.js from node_modules on the first PDF, from a bundle run with a code cache made in another process', async () => {
    expect(bundleExternals).toContain('unpdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'uxflow-pdf-'));
    const bundle = path.join(dir, 'extractor.bundle.cjs');
    await build({
      stdin: { contents: "export { createExtractor } from './shared/infra/knowledge/extractor.ts';", resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      platform: 'node',
      outfile: bundle,
      external: [...bundleExternals],
      logLevel: 'error',
      ...knativeCodeOptions,
    });
    const pdf = path.join(dir, 'one.pdf');
    writeFileSync(pdf, pdfWith('Hello from a PDF'));
    const run = path.join(dir, 'run.ts');
    writeFileSync(
      run,
      `import { readFileSync, writeFileSync } from 'node:fs';
import { codeCachePath, runBundle } from ${JSON.stringify(path.join(repoRoot, 'shared/platform/hosts/cold-start/code-cache.ts'))};
const { script, isCacheUsed, exports } = runBundle(${JSON.stringify(bundle)});
if (process.argv[2] === 'make') writeFileSync(codeCachePath(${JSON.stringify(bundle)}), script.createCachedData());
else {
  const blocks = await exports.createExtractor().blocks('pdf', new Uint8Array(readFileSync(${JSON.stringify(pdf)})));
  console.log(JSON.stringify({ isCacheUsed, texts: blocks.map((block) => block.text) }));
}
`,
    );
    const env = { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') };
    execFileSync(process.execPath, [run, 'make'], { env });
    expect(JSON.parse(execFileSync(process.execPath, [run], { encoding: 'utf8', env }))).toEqual({
      isCacheUsed: true,
      texts: ['Hello from a PDF'],
    });
  }, 60_000);
});
