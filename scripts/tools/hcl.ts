import { lintPython } from './python-tools.ts';
import { exec } from './exec.ts';

/**
 * A Terraform file as bc-python-hcl2 (checkov's parser) reads it: blocks are lists, and an
 * attribute's value is wrapped in a one-element list; expressions stay strings like `${var.x}`.
 */
export type HclDocument = Record<string, unknown>;
export type HclParse = { document: HclDocument } | { error: string };

// Reads file paths from stdin, answers {path: {document} | {error}} as JSON.
const parser = `
import json, sys, hcl2
out = {}
for path in sys.stdin.read().split("\\n"):
    if not path: continue
    try:
        with open(path) as f: out[path] = {"document": hcl2.load(f)}
    except Exception as e:
        out[path] = {"error": f"{type(e).__name__}: {e}"}
print(json.dumps(out))
`;

/** Parses each file as HCL without Terraform (works on any machine with Python 3). */
export async function parseHclFiles(files: readonly string[]): Promise<Map<string, HclParse>> {
  const python = await lintPython();
  const result = await exec(python, ['-c', parser], files.join('\n'));
  if (result.code !== 0) throw new Error(`the HCL parser failed: ${result.stderr}`);
  return new Map(Object.entries(JSON.parse(result.stdout) as Record<string, HclParse>));
}
