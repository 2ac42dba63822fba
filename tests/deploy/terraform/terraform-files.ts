import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHclFiles, type HclDocument } from '../../../scripts/tools/hcl.ts';
import { repoRoot } from '../../../scripts/services/paths.ts';

export const terraformDir = join(repoRoot, 'terraform');

/** Every `.tf` (and `.tfvars*`) file under `dir`, skipping Terraform's own `.terraform/` cache. */
export function terraformFiles(dir = terraformDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.terraform' ? [] : terraformFiles(path);
    return /\.tf$|\.tfvars(\.example)?$/.test(entry.name) ? [path] : [];
  });
}

export type Module = { dir: string; documents: HclDocument[] };

/** Parses every file and groups the documents by module directory (relative to terraform/). */
export async function loadModules(dir = terraformDir): Promise<Map<string, Module>> {
  const parsed = await parseHclFiles(terraformFiles(dir).filter((file) => file.endsWith('.tf')));
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
