import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHclFiles, type HclParse } from '../../../scripts/tools/hcl.ts';
import { terraformFmtCheck, type FmtCheck } from '../../../scripts/tools/terraform-fmt.ts';
import { terraformDir, terraformFiles } from './terraform-files.ts';

describe('terraform/ syntax', () => {
  let parsed: Map<string, HclParse>;
  let fmt: FmtCheck;

  beforeAll(async () => {
    [parsed, fmt] = await Promise.all([parseHclFiles(terraformFiles()), terraformFmtCheck(terraformDir)]);
  });

  it('should find the modules and both environments', () => {
    const dirs = new Set(terraformFiles().map((file) => relative(terraformDir, file).split('/').slice(0, 2).join('/')));
    expect([...dirs].sort()).toEqual(
      expect.arrayContaining(['envs/production', 'envs/staging', 'modules/gke-cluster', 'modules/knative', 'modules/reservations']),
    );
  });

  it('should parse every .tf and .tfvars file as HCL', () => {
    const failures = [...parsed]
      .filter(([, result]) => 'error' in result)
      .map(([file, result]) => `${relative(terraformDir, file)}: ${JSON.stringify(result)}`);
    expect(failures).toEqual([]);
    expect(parsed.size).toBe(terraformFiles().length);
  });

  it('should report a file that does not parse', async () => {
    const broken = await parseHclFiles([new URL('./fixtures/broken.tf.txt', import.meta.url).pathname]);
    expect([...broken.values()].every((result) => 'error' in result)).toBe(true);
  });

  it('should be formatted as terraform fmt writes it', (context) => {
    if (!fmt.checked) {
      context.skip(fmt.reason);
      return;
    }
    expect(fmt.errors).toBe('');
    expect(fmt.unformatted).toEqual([]);
  });
});
