import { exec } from './exec.ts';
import { toolPath } from './python-tools.ts';

export type CheckovFinding = { id: string; name: string; resource: string; file: string; lines: string };
export type CheckovRun = { failed: CheckovFinding[]; skipped: CheckovFinding[]; parsingErrors: string[]; passed: number };

type Finding = { check_id: string; check_name: string; resource: string; file_path: string; file_line_range?: number[] };
type Report = {
  summary?: { passed: number };
  results?: { failed_checks: Finding[]; skipped_checks: Finding[]; parsing_errors?: string[] };
};

const toFinding = (raw: Finding): CheckovFinding => ({
  id: raw.check_id,
  name: raw.check_name,
  resource: raw.resource,
  file: raw.file_path,
  lines: (raw.file_line_range ?? []).join('-'),
});

/**
 * Runs checkov with a config file (frameworks and documented skips live there) over `targets`
 * (`-d dir` or `-f file` arguments), offline (`--skip-download`), and collects the results.
 */
export async function runCheckov(configFile: string, targets: readonly string[]): Promise<CheckovRun> {
  const checkov = await toolPath('checkov');
  const result = await exec(checkov, ['--config-file', configFile, ...targets, '--skip-download', '--quiet', '--output', 'json']);
  if (result.code !== 0 && result.code !== 1) throw new Error(`checkov failed (exit ${result.code}): ${result.stderr}`);
  // One report per framework: an array when several ran, a single object otherwise.
  const parsed = JSON.parse(result.stdout) as Report | Report[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  return {
    failed: reports.flatMap((report) => (report.results?.failed_checks ?? []).map(toFinding)),
    skipped: reports.flatMap((report) => (report.results?.skipped_checks ?? []).map(toFinding)),
    parsingErrors: reports.flatMap((report) => report.results?.parsing_errors ?? []),
    passed: reports.reduce((sum, report) => sum + (report.summary?.passed ?? 0), 0),
  };
}

/** One line per failed check, for a test failure message a person can act on. */
export const describeFindings = (findings: readonly CheckovFinding[]) =>
  findings.map((f) => `${f.id} ${f.name} — ${f.resource} (${f.file}:${f.lines})`).join('\n');
