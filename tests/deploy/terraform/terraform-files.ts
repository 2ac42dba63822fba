import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHclFiles, type HclDocument } from '../../../scripts/tools/hcl.ts';
import { repoRoot } from '../../../scripts/services/paths.ts';

export const terraformDir = join(repoRoot, 'terraform');

/** Files under `dir` whose name matches `pattern`, skipping Terraform's own `.terraform/` cache. */
const filesMatching = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.terraform' ? [] : filesMatching(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });

/** Every `.tf` (and `.tfvars*`) file under `dir`: the files in HCL syntax. */
export const terraformFiles = (dir = terraformDir): string[] => filesMatching(dir, /\.tf$|\.tfvars(\.example)?$/);

/** Every `.tf.json` file under `dir`: Terraform's JSON syntax (written by `npm run gen`). */
export const terraformJsonFiles = (dir = terraformDir): string[] => filesMatching(dir, /\.tf\.json$/);

/**
 * A `.tf.json` file in the shape bc-python-hcl2 gives an HCL file (each top-level block type a list
 * of blocks), so the helpers in hcl-values.ts read both alike. `"//"` comments are dropped.
 */
export function readTerraformJson(file: string): HclDocument {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(json)
      .filter(([key]) => key !== '//')
      .map(([key, block]) => [key, [block]]),
  );
}

export type Module = { dir: string; documents: HclDocument[] };

/** Parses every `.tf` and `.tf.json` file and groups the documents by module directory (relative to terraform/). */
export async function loadModules(dir = terraformDir): Promise<Map<string, Module>> {
  const parsed = await parseHclFiles(terraformFiles(dir).filter((file) => file.endsWith('.tf')));
  for (const file of terraformJsonFiles(dir)) parsed.set(file, { document: readTerraformJson(file) });
  const modules = new Map<string, Module>();
  for (const [file, result] of parsed) {
    if ('error' in result) throw new Error(`${relative(dir, file)} does not parse: ${result.error}`);
    const moduleDir = relative(dir, join(file, '..'));
    const module = modules.get(moduleDir) ?? { dir: moduleDir, documents: [] };
    module.documents.push(result.document);
    modules.set(moduleDir, module);
  }
  return modules;
}
