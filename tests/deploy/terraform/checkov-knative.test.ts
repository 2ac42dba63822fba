import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, runCheckov, type CheckovRun } from '../../../scripts/tools/checkov.ts';
import { repoRoot } from '../../../scripts/services/paths.ts';

describe('checkov over knative/', () => {
  let run: CheckovRun;

  beforeAll(async () => {
    // Skips for the generated manifests live in .checkov.knative.yaml, each with its reason.
    run = await runCheckov(join(repoRoot, '.checkov.knative.yaml'), ['-d', 'knative']);
  });

  it('should pass every kubernetes check that is not skipped with a reason', () => {
    expect(run.parsingErrors).toEqual([]);
    expect(describeFindings(run.failed)).toBe('');
  });
});
