import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, runCheckov, type CheckovRun } from '../../../scripts/tools/checkov.ts';
import { repoRoot } from '../../../scripts/services/paths.ts';
import { terraformDir, terraformFiles } from './terraform-files.ts';

const config = join(repoRoot, '.checkov.yaml');

describe('checkov over terraform/ and the Dockerfile', () => {
  let run: CheckovRun;
  const scratch = mkdtempSync(join(tmpdir(), 'uxflow-checkov-'));

  beforeAll(async () => {
    run = await runCheckov(config, ['-d', 'terraform', '-f', 'Dockerfile']);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('should pass every check that is not skipped with a reason', () => {
    expect(run.parsingErrors).toEqual([]);
    expect(describeFindings(run.failed)).toBe('');
    expect(run.passed).toBeGreaterThan(50);
  });

  it('should give every inline skip a reason', () => {
    const skips = terraformFiles().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/#\s*checkov:skip=([A-Z0-9_]+)(?::(.*))?/g)].map(([, id, reason]) => ({
        where: `${relative(terraformDir, file)} ${id}`,
        reason: reason?.trim() ?? '',
      })),
    );
    expect(skips.filter((skip) => skip.reason.length < 30).map((skip) => skip.where)).toEqual([]);
  });

  it('should fail CKV_GCP_21 when the cluster loses its labels', async () => {
    const copy = join(scratch, 'gke-cluster');
    cpSync(join(terraformDir, 'modules', 'gke-cluster'), copy, { recursive: true });
    const main = join(copy, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replace(/^\s*resource_labels\s*=\s*local\.labels\n/m, ''));
    const broken = await runCheckov(config, ['-d', copy]);
    expect(broken.failed.map((finding) => finding.id)).toContain('CKV_GCP_21');
  });
});
