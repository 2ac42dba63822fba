import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/finops/main.ts';
import { reportFiles } from '../../../scripts/finops/report-command.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { profile } from './fixtures.ts';

const fixture = (name: string) => fromRoot('scripts/finops/fixtures', name);

/** Runs the CLI in-process, collecting what it prints. */
const run = async (argv: string[], profiles?: () => Promise<ReturnType<typeof profile>[]>) => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) };
  const code = await main(argv, io, profiles);
  return { code, stdout: out.join(''), stderr: err.join('') };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'uxflow-finops-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finops report on the committed fixtures', () => {
  it('should print the Markdown and write Markdown, CSV and SVG for every defined function', async () => {
    const out = path.join(dir, 'report');
    const { code, stdout, stderr } = await run([
      'report',
      '--usage',
      fixture('usage.json'),
      '--prices',
      fixture('prices.json'),
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(reportFiles.svg);
    const [markdown, csv, svg] = await Promise.all(Object.values(reportFiles).map((file) => readFile(path.join(out, file), 'utf8')));
    expect(markdown).toBe(stdout);
    expect(markdown).toContain('# FinOps report 2025-06 (production)');
    const functions = csv!.trimEnd().split('\r\n').length - 1;
    expect(functions).toBeGreaterThan(50);
    expect(svg!.match(/<rect class="bar"/g)).toHaveLength(functions);
    // The model calls make the job runner the most expensive function; the AI and knowledge domains earn.
    expect(csv).toMatch(/^function,.*\r\nai-run-job,ai,ai,cc-ai,batch,preferred,0,/);
    const rowOf = (name: string) =>
      csv!
        .split('\r\n')
        .find((line) => line.startsWith(`${name},`))!
        .split(',');
    const heading = csv!.split('\r\n')[0]!.split(',');
    const field = (name: string, column: string) => Number(rowOf(name)[heading.indexOf(column)]);
    expect(field('ai-run-job', 'provider_cost')).toBeGreaterThan(0);
    expect(field('knowledge-query', 'provider_cost')).toBeGreaterThan(0);
    expect(field('ai-send-message', 'revenue')).toBeGreaterThan(0);
    expect(field('knowledge-query', 'margin')).toBeCloseTo(field('knowledge-query', 'revenue') - field('knowledge-query', 'cost'), 4);
    // The domain table counts the ai functions the CSV lists, one row each.
    const aiFunctions = csv!.split('\r\n').filter((line) => line.split(',')[1] === 'ai').length;
    expect(aiFunctions).toBeGreaterThan(10);
    expect(markdown).toMatch(new RegExp(`^\\| ai +\\| +${aiFunctions} \\| \\$[\\d,.]+ \\| \\$[\\d,.]+ \\| \\$[\\d,.]+ \\|$`, 'm'));
  }, 60_000);
});

describe('finops reservations on the committed fixture', () => {
  it('should end with the three Terraform variable lines', async () => {
    const { code, stdout } = await run(['reservations', '--usage', fixture('node-usage.json')]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual([
      expect.stringMatching(/^reserved_vcpus = \d+$/),
      expect.stringMatching(/^reserved_memory_gb = \d+$/),
      expect.stringMatching(/^commitment_plan = "(none|TWELVE_MONTH|THIRTY_SIX_MONTH)"$/),
    ]);
  });
});

describe('finops input errors', () => {
  const noProfiles = async () => [profile({ name: 'identity-login' })];
  const write = async (name: string, content: string) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };
  const report = (usage: string, prices = fixture('prices.json')) =>
    run(['report', '--usage', usage, '--prices', prices, '--out', path.join(dir, 'bad')], noProfiles);

  it('should exit 1 naming the file when it is not JSON', async () => {
    const file = await write('broken.json', '{ "month": ');
    const { code, stderr } = await report(file);
    expect(code).toBe(1);
    expect(stderr).toContain(`finops: ${file}: not valid JSON`);
  });

  it('should exit 1 naming the file and each bad field when the schema fails', async () => {
    const file = await write(
      'bad-fields.json',
      JSON.stringify({
        month: '2025-13',
        environment: 'production',
        functions: [{ function: 'identity-login', requests: -1, avgDurationMs: 5 }],
      }),
    );
    const { code, stderr } = await report(file);
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain('month: expected YYYY-MM');
    expect(stderr).toContain('functions[0].requests:');
  });

  it('should exit 1 naming the row when a usage row names an unknown function', async () => {
    const file = await write(
      'unknown.json',
      JSON.stringify({
        month: '2025-06',
        environment: 'production',
        functions: [{ function: 'identity-logn', requests: 1, avgDurationMs: 5 }],
      }),
    );
    const { code, stderr } = await report(file);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: functions[0].function: unknown function "identity-logn"`);
  });

  it('should exit 1 naming the prices file when a price is missing', async () => {
    const prices = await write(
      'prices.json',
      JSON.stringify({ currency: 'USD', onDemand: { vcpuHour: 0.03 }, spot: { vcpuHour: 0.01, gibHour: 0.001 }, creditRevenue: 0.01 }),
    );
    const { code, stderr } = await report(fixture('usage.json'), prices);
    expect(code).toBe(1);
    expect(stderr).toContain(`${prices}: onDemand.gibHour:`);
  });

  it('should exit 1 when a file is missing', async () => {
    const { code, stderr } = await report(path.join(dir, 'nowhere.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere.json: cannot read the file (ENOENT)');
  });

  it('should exit 1 naming the pool when hourly series differ in length', async () => {
    const hours = Array<number>(168).fill(1);
    const file = await write(
      'node-usage.json',
      JSON.stringify({ start: '2025-06-01T00:00:00Z', pools: { 'on-demand': { vcpu: hours, memoryGb: [...hours, 1] } } }),
    );
    const { code, stderr } = await run(['reservations', '--usage', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: pools.on-demand.memoryGb: expected 168 hourly values`);
  });

  it.each([
    [['report', '--usage', 'u.json'], '--prices is required'],
    [['reserve'], 'unknown command "reserve"'],
    [[], 'a command is required'],
    [['report', '--usage', 'u.json', '--prices', 'p.json', '--top', 'five'], '--top must be a positive whole number'],
    [['report', '--colour'], "Unknown option '--colour'"],
  ])('should exit 1 with the usage text when the command line is %o', async (argv, message) => {
    const { code, stderr } = await run(argv, noProfiles);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:');
  });
});
