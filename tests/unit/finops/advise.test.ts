import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorProfile } from '../../../scripts/finops/advise/advisor-profile.ts';
import { choose, defaultPolicy } from '../../../scripts/finops/advise/choose.ts';
import type { Evaluation } from '../../../scripts/finops/advise/evaluate.ts';
import type { Setting } from '../../../scripts/finops/advise/setting.ts';
import { main } from '../../../scripts/finops/main.ts';
import { generateTrace } from '../../../scripts/finops/trace/generate-trace.ts';
import { writeTrace } from '../../../scripts/finops/trace/trace-file.ts';
import { profile } from './fixtures.ts';

const advisor = (overrides: Partial<AdvisorProfile> & { name: string }): AdvisorProfile => ({
  ...profile(overrides),
  kind: 'http',
  maxScale: 10,
  userWaits: true,
  ...overrides,
});
const setting = (overrides: Partial<Setting>): Setting => ({
  tier: 'critical',
  minScale: 1,
  maxScale: 10,
  target: 50,
  containerConcurrency: 0,
  retentionMs: 60_000,
  spot: 'never',
  ...overrides,
});
const evaluation = (overrides: Partial<Evaluation>): Evaluation => ({
  setting: setting({}),
  podHours: 720,
  spotPodHours: 0,
  cost: 3,
  coldStarts: 0,
  coldStartShare: 0,
  p95Ms: 100,
  latencies: new Float64Array([100]),
  ...overrides,
});
const zero = setting({ tier: 'standard', minScale: 0, spot: 'preferred', retentionMs: 0 });

describe('choose', () => {
  const login = advisor({ name: 'identity-login', tier: 'critical' });

  it('should take the cheaper setting when the p95 stays equal (a busy function keeps itself warm)', () => {
    const choice = choose(login, [evaluation({}), evaluation({ setting: zero, cost: 1 })], defaultPolicy);
    expect(choice.recommended.setting).toBe(zero);
  });

  it('should drop the floor of a rare function when a warm pod costs more per avoided cold start than one is worth', () => {
    // $2 a month saved for 30 extra cold starts: $0.067 each, above the $0.005 they are worth.
    const rare = evaluation({ setting: zero, cost: 1, coldStarts: 30, p95Ms: 1500 });
    expect(choose(login, [evaluation({}), rare], defaultPolicy).recommended).toBe(rare);
  });

  it('should keep the floor when its cold starts are cheap to avoid and the p95 would pass the objective', () => {
    // $2 saved for 3,000 extra cold starts: $0.00067 each, below what one is worth.
    const busy = evaluation({ setting: zero, cost: 1, coldStarts: 3000, p95Ms: 1500 });
    const choice = choose(login, [evaluation({}), busy], defaultPolicy);
    expect(choice.recommended.setting.minScale).toBe(1);
    expect(choice.reason).toMatch(/^kept/);
  });

  it('should accept a slower p95 where no one waits (an event consumer)', () => {
    const consumer = advisor({ name: 'billing-handle-stripe-event', kind: 'event', userWaits: false });
    const slower = evaluation({ setting: zero, cost: 1, coldStarts: 3000, p95Ms: 1500 });
    expect(choose(consumer, [evaluation({}), slower], defaultPolicy).recommended).toBe(slower);
  });
});

describe('generateTrace', () => {
  const usage = {
    month: '2025-06',
    environment: 'production' as const,
    functions: [
      { function: 'flows-get', requests: 1_000_000, avgDurationMs: 60 },
      { function: 'ops-heartbeat', requests: 43_200, avgDurationMs: 80 },
    ],
  };
  const kinds = new Map([
    ['flows-get', 'http' as const],
    ['ops-heartbeat', 'cron' as const],
  ]);
  const options = { start: Date.UTC(2025, 5, 2), days: 2, seed: 7, burstsPerDay: 2 };

  it('should give the same trace for the same seed', () => {
    expect(generateTrace(usage, kinds, options)).toEqual(generateTrace(usage, kinds, options));
  });

  it('should tick a cron function evenly and follow the working day for HTTP traffic', () => {
    const trace = generateTrace(usage, kinds, options);
    const ticks = trace.filter((r) => r.function === 'ops-heartbeat');
    // 43,200 a month of 720 hours = one a minute: 2 days = 2,880 ticks, 60 s apart.
    expect(ticks).toHaveLength(2880);
    expect(ticks[1]!.at - ticks[0]!.at).toBe(60_000);
    const hourOf = (at: number) => new Date(at).getUTCHours();
    const calls = trace.filter((r) => r.function === 'flows-get');
    const at = (hour: number) => calls.filter((r) => hourOf(r.at) === hour).length;
    expect(at(10)).toBeGreaterThan(5 * at(3));
    // About 1,000,000 ÷ 30 × 2 weekdays, their share above a week's mean, plus bursts.
    expect(calls.length).toBeGreaterThan(60_000);
    expect(calls.length).toBeLessThan(100_000);
  });
});

describe('finops advise on a small trace', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'uxflow-finops-advise-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const profiles = async () => [
    advisor({ name: 'identity-login', tier: 'critical' }),
    advisor({ name: 'identity-setup-two-factor', tier: 'critical' }),
    advisor({ name: 'flows-get' }),
  ];
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) };
    const code = await main(argv, io, undefined, profiles);
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  it('should print a bench line with a lower cost at an equal or better p95 and write Markdown, JSON and SVG', async () => {
    const usage = {
      month: '2025-06',
      environment: 'production',
      functions: [
        { function: 'identity-login', requests: 500_000, avgDurationMs: 200 },
        { function: 'identity-setup-two-factor', requests: 60, avgDurationMs: 100 },
        { function: 'flows-get', requests: 300_000, avgDurationMs: 60 },
      ],
    };
    const kinds = new Map((await profiles()).map((p) => [p.name, p.kind]));
    await writeFile(path.join(dir, 'usage.json'), JSON.stringify(usage));
    await writeTrace(
      path.join(dir, 'requests.jsonl'),
      generateTrace(usage as never, kinds, { start: Date.UTC(2025, 5, 2), days: 1, seed: 3, burstsPerDay: 2 }),
    );
    await writeFile(path.join(dir, 'cold.json'), JSON.stringify({ measuredAt: 'x', runs: 1, helloMs: 200, functions: {} }));
    const result = await run([
      'advise',
      ...['--usage', path.join(dir, 'usage.json'), '--trace', path.join(dir, 'requests.jsonl')],
      ...['--cold-starts', path.join(dir, 'cold.json'), '--out', dir],
    ]);
    expect(result.code, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(line).toMatchObject({ bench: 'finops-advise' });
    expect(line.cost_recommended).toBeLessThan(line.cost_now!);
    expect(line.p95_recommended_ms).toBeLessThanOrEqual(line.p95_now_ms!);
    const json = JSON.parse(await readFile(path.join(dir, 'finops-advice.json'), 'utf8')) as {
      functions: { function: string; recommended: { setting: { minScale: number } } }[];
    };
    expect(json.functions.find((f) => f.function === 'identity-setup-two-factor')?.recommended.setting.minScale).toBe(0);
    expect(await readFile(path.join(dir, 'finops-advice.svg'), 'utf8')).toContain('class="recommended"');
  });

  it('should exit 1 naming the line of a trace that fails its schema', async () => {
    await writeFile(path.join(dir, 'bad.jsonl'), '{"at":1,"function":"flows-get","durationMs":5}\n{"at":"soon","function":"flows-get"}\n');
    const result = await run(['advise', '--usage', path.join(dir, 'usage.json'), '--trace', path.join(dir, 'bad.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.jsonl: line 2: at/);
  });

  it('should exit 1 on a trace naming an unknown function', async () => {
    await writeFile(path.join(dir, 'unknown.jsonl'), '{"at":1,"function":"nobody-here","durationMs":5}\n');
    const result = await run(['advise', '--usage', path.join(dir, 'usage.json'), '--trace', path.join(dir, 'unknown.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nobody-here/);
  });
});
