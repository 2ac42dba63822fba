import { findExecutable } from '../services/install.ts';
import { exec } from './exec.ts';

export type FmtCheck = { checked: false; reason: string } | { checked: true; unformatted: string[]; errors: string };

/**
 * `terraform fmt -check -recursive` over `dir`, when a terraform binary is on PATH (fmt needs no
 * providers and no network). Lists the files it would rewrite; syntax errors land in `errors`.
 */
export async function terraformFmtCheck(dir: string): Promise<FmtCheck> {
  const terraform = findExecutable('terraform');
  if (terraform === null) return { checked: false, reason: 'no terraform on PATH; every file is still parsed as HCL' };
  const result = await exec(terraform, ['fmt', '-check', '-recursive', '-list=true', '-no-color', dir]);
  const unformatted = result.stdout.split('\n').filter((line) => line.trim() !== '');
  // Exit 3 = some files need formatting; anything else non-zero is a parse failure.
  const errors = result.code !== 0 && result.code !== 3 ? result.stderr : '';
  return { checked: true, unformatted, errors };
}
