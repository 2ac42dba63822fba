import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromRoot, repoRoot } from '../lib/paths.ts';
import { schemathesisPath } from './schemathesis.ts';
import type { FuzzSeed } from './seed.ts';

export interface FuzzOptions {
  /** Base URL of a running fleet. */
  api: string;
  seed: FuzzSeed;
  /** Test cases per operation and phase (Schemathesis's `--max-examples`). */
  maxExamples: number;
  /** Hypothesis seed, for a reproducible run. */
  hypothesisSeed: number;
  /** Schemathesis phases, e.g. `examples,coverage,fuzzing,stateful`. */
  phases: string;
  /** A time budget in seconds (`--max-time`): the run stops when it is spent. */
  maxTimeSeconds?: number;
  /** Where Schemathesis's own output goes (its progress and the failures it found). */
  output: (chunk: string) => void;
}

export interface FuzzSummary {
  bench: 'fuzz';
  requests: number;
  server_errors: number;
  schema_violations: number;
  operations: number;
}

const checks = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

interface JsonReport {
  operations: { tested: number };
  failures: { title: string; code: string; type: string; count: number }[];
  errors: { title: string; count: number }[];
}

/** Reads the per-response lines the hooks appended: how many calls, how many answered 5xx. */
const countResponses = async (file: string) => {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
  const statuses = lines.map((line) => (JSON.parse(line) as { status: number }).status);
  return { requests: statuses.length, serverErrors: statuses.filter((status) => status >= 500).length };
};

/**
 * Runs Schemathesis against `openapi.yaml` on a running fleet, with the seeded account's token and
 * ids, the contract checks and the problem+json check of `hooks.py`; the counts of the run.
 * A server error counts once per response; any other failed check counts as a schema violation.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const st = await schemathesisPath();
  const work = await mkdtemp(path.join(tmpdir(), 'uxflow-fuzz-'));
  const counts = path.join(work, 'responses.ndjson');
  const report = path.join(work, 'report.json');
  const { seed } = options;
  const env = {
    ...process.env,
    FUZZ_API: options.api,
    FUZZ_COUNTS: counts,
    FUZZ_HOOKS: fromRoot('scripts/fuzz/hooks.py'),
    FUZZ_EMAIL: seed.email,
    FUZZ_PASSWORD: seed.password,
    FUZZ_USER_ID: seed.userId,
    FUZZ_WORKSPACE_ID: seed.workspaceId,
    FUZZ_SPARE_WORKSPACE_ID: seed.spareWorkspaceId,
    FUZZ_FLOW_ID: seed.flowId,
    FUZZ_SPARE_FLOW_ID: seed.spareFlowId,
    FUZZ_KEY_ID: seed.keyId,
    FUZZ_SPARE_KEY_ID: seed.spareKeyId,
    FUZZ_INVITATION_ID: seed.invitationId,
    FUZZ_DOCUMENT_ID: seed.documentId,
    FUZZ_SPARE_SESSION_ID: seed.spareSessionId,
    // The hooks module imports `schemathesis` and `requests` from the venv it runs in.
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const args = [
    '--config-file',
    fromRoot('scripts/fuzz/schemathesis.toml'),
    '--no-color',
    'run',
    fromRoot('openapi.yaml'),
    '--url',
    options.api,
    '--checks',
    checks.join(','),
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.hypothesisSeed),
    '--phases',
    options.phases,
    '--continue-on-failure',
    '--generation-database',
    'none',
    ...(options.maxTimeSeconds === undefined ? [] : ['--max-time', String(options.maxTimeSeconds)]),
    '--report',
    'json',
    '--report-json-path',
    report,
  ];
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(st, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => options.output(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => options.output(chunk.toString()));
      child.once('error', reject);
      child.once('exit', resolve);
    });
    const parsed = JSON.parse(await readFile(report, 'utf8').catch(() => 'null')) as JsonReport | null;
    if (parsed === null) throw new Error(`Schemathesis exited ${exitCode} without a report`);
    if (parsed.errors.length > 0) {
      throw new Error(`Schemathesis could not run every operation: ${parsed.errors.map((e) => `${e.title} (${e.count})`).join('; ')}`);
    }
    const { requests, serverErrors } = await countResponses(counts);
    const violations = parsed.failures.filter((f) => !/server error/i.test(f.title)).reduce((sum, f) => sum + f.count, 0);
    return { bench: 'fuzz', requests, server_errors: serverErrors, schema_violations: violations, operations: parsed.operations.tested };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
