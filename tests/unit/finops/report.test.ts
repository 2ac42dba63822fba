import { describe, expect, it } from 'vitest';
import { FinOpsInputError } from '../../../scripts/finops/input/input-error.ts';
import type { UsageFile } from '../../../scripts/finops/input/usage-schema.ts';
import { buildReport, hoursInMonth } from '../../../scripts/finops/model/build-report.ts';
import { functionCost } from '../../../scripts/finops/model/function-cost.ts';
import { withMargin } from '../../../scripts/finops/model/margin.ts';
import { context, prices, profile } from './fixtures.ts';

// ai-generate: 1 vCPU + 1 GiB; on-demand 0.04 + 0.005 = $0.045 an hour, spot 0.01 + 0.001 = $0.011 an hour.
// 6,000 instance-minutes = 100 h, no floor: 90 h × 0.011 = 0.99 spot + 10 h × 0.045 = 0.45 on-demand
// + 2,000 requests × $0.50 / million = 0.001 → cost 1.441.
const generate = profile({ name: 'ai-generate', domain: 'ai', team: 'ai', costCenter: 'cc-ai', vcpu: 1, memoryGib: 1, creditsPerCall: 10 });
const generateUsage = { function: 'ai-generate', requests: 2_000, avgDurationMs: 9_000, instanceMinutes: 6_000 };
// identity-login: critical, 0.5 vCPU + 0.5 GiB, the first test of function-cost.test.ts: 18.716.
const login = profile({ name: 'identity-login', domain: 'identity', team: 'identity', costCenter: 'cc-identity', tier: 'critical' });
const loginUsage = { function: 'identity-login', requests: 1_000_000, avgDurationMs: 200, instanceMinutes: 60_000 };
// identity-jwks: critical, idle: the floor only, 720 h × 0.0225 = 16.20.
const jwks = profile({ name: 'identity-jwks', domain: 'identity', team: 'identity', costCenter: 'cc-identity', tier: 'critical' });
// flows-get: standard, no usage, no floor: 0.
const flowsGet = profile({ name: 'flows-get' });

const usage = (functions: UsageFile['functions']): UsageFile => ({ month: '2025-06', environment: 'production', functions });
const build = (functions: UsageFile['functions']) =>
  buildReport({ profiles: [flowsGet, jwks, generate, login], usage: usage(functions), usageFile: 'usage.json', prices });

describe('withMargin', () => {
  it('should earn credits × revenue per credit when a function carries a credit operation', () => {
    // 2,000 calls × 10 credits = 20,000 credits × $0.02 = $400; margin 400 − 1.441 = 398.559 (99.64 %).
    const row = withMargin(functionCost(generate, generateUsage, context), generateUsage, prices.creditRevenue);
    expect(row.cost).toBeCloseTo(1.441, 6);
    expect(row.credits).toBe(20_000);
    expect(row.revenue).toBeCloseTo(400, 6);
    expect(row.margin).toBeCloseTo(398.559, 6);
    expect(row.marginShare).toBeCloseTo(398.559 / 400, 6);
  });

  it('should use the measured credits when the usage row gives them', () => {
    // 15,000 credits × $0.02 = $300 (some calls failed and released their reservation).
    const measured = { ...generateUsage, credits: 15_000 };
    expect(withMargin(functionCost(generate, measured, context), measured, prices.creditRevenue).revenue).toBeCloseTo(300, 6);
  });

  it('should add the provider cost of the model calls (tokens × price per million) and take it off the margin', () => {
    // 2M input × $1 + 0.5M output × $4 per million = $4; cost 1.441 + 4 = 5.441; margin 400 − 5.441.
    const calling = { ...generateUsage, modelCalls: [{ model: 'p:m', inputTokens: 2_000_000, outputTokens: 500_000 }] };
    const row = withMargin(functionCost(generate, calling, context), calling, prices.creditRevenue, prices.modelPrices);
    expect(row.providerCost).toBeCloseTo(4, 6);
    expect(row.infraCost).toBeCloseTo(1.441, 6);
    expect(row.cost).toBeCloseTo(5.441, 6);
    expect(row.margin).toBeCloseTo(394.559, 6);
  });

  it('should earn the measured credits of a function without a credit operation (the job runner commits them)', () => {
    const committed = { ...loginUsage, credits: 1_000 };
    const row = withMargin(functionCost(login, committed, context), committed, prices.creditRevenue);
    expect(row.revenue).toBeCloseTo(20, 6);
    expect(row.margin).toBeCloseTo(20 - 18.716, 3);
  });

  it('should leave revenue and margin empty when a function carries no credit operation', () => {
    expect(withMargin(functionCost(login, loginUsage, context), loginUsage, prices.creditRevenue)).toMatchObject({
      credits: null,
      revenue: null,
      margin: null,
      marginShare: null,
    });
  });
});

describe('buildReport', () => {
  const report = build([generateUsage, loginUsage]);

  it('should list every defined function, most expensive first, names breaking ties', () => {
    // 18.716 (login) > 16.20 (jwks, idle floor) > 1.441 (generate) > 0 (flows-get).
    expect(report.rows.map((row) => row.profile.name)).toEqual(['identity-login', 'identity-jwks', 'ai-generate', 'flows-get']);
    expect(report.rows.map((row) => row.cost)).toEqual([expect.closeTo(18.716, 6), expect.closeTo(16.2, 6), expect.closeTo(1.441, 6), 0]);
  });

  it('should sum each cost tag and take a group margin over all its functions', () => {
    // identity: 18.716 + 16.20 = 34.916, no credits; ai: 1.441, revenue 400, margin 398.559; flows: 0.
    expect(report.groups.team).toEqual([
      { value: 'identity', functions: 2, cost: expect.closeTo(34.916, 6), revenue: null, margin: null },
      { value: 'ai', functions: 1, cost: expect.closeTo(1.441, 6), revenue: expect.closeTo(400, 6), margin: expect.closeTo(398.559, 6) },
      { value: 'flows', functions: 1, cost: 0, revenue: null, margin: null },
    ]);
    expect(report.groups.tier.map((group) => [group.value, group.functions])).toEqual([
      ['critical', 2],
      ['standard', 2],
    ]);
    expect(report.groups.costCenter.map((group) => group.value)).toEqual(['cc-identity', 'cc-ai', 'cc-flows']);
    expect(report.groups.domain.map((group) => group.value)).toEqual(['identity', 'ai', 'flows']);
  });

  it('should total cost, revenue, margin and the spot share of instance-hours', () => {
    // Cost 18.716 + 16.20 + 1.441 = 36.357; margin 400 − 36.357 = 363.643.
    // Instance-hours 1,000 + 720 + 100 = 1,820; on spot 252 + 0 + 90 = 342 → 18.79 %.
    expect(report.totals.cost).toBeCloseTo(36.357, 6);
    expect(report.totals.revenue).toBeCloseTo(400, 6);
    expect(report.totals.margin).toBeCloseTo(363.643, 6);
    expect(report.totals.instanceHours).toBeCloseTo(1820, 6);
    expect(report.totals.spotShare).toBeCloseTo(342 / 1820, 6);
  });

  it('should take the fallback share from the usage file over the prices file', () => {
    // Fallback 0.5: burst 280 h, 140 h × 0.0055 + 140 h × 0.0225 = 0.77 + 3.15; + 16.20 floor + 0.50 = 20.62.
    const withFallback = buildReport({
      profiles: [login],
      usage: { ...usage([loginUsage]), spotFallbackShare: 0.5 },
      usageFile: 'u',
      prices,
    });
    expect(withFallback.rows[0]!.cost).toBeCloseTo(20.62, 6);
  });

  it('should count 31 days in July and 28 in February 2026', () => {
    expect(hoursInMonth('2025-07')).toBe(744);
    expect(hoursInMonth('2026-02')).toBe(672);
  });

  it.each([
    ['an unknown function', [{ ...loginUsage, function: 'identity-logn' }], 'functions[0].function: unknown function "identity-logn"'],
    ['a function twice', [loginUsage, loginUsage], 'functions[1].function: "identity-login" appears twice'],
    [
      'calls of a model without a price',
      [
        {
          ...loginUsage,
          modelCalls: [
            { model: 'p:m', inputTokens: 1, outputTokens: 1 },
            { model: 'q:x', inputTokens: 1, outputTokens: 1 },
          ],
        },
      ],
      'functions[0].modelCalls[1].model: no price for "q:x"',
    ],
  ])('should throw a FinOpsInputError naming the file and field when a usage row has %s', (_, rows, problem) => {
    expect(() => build(rows)).toThrow(FinOpsInputError);
    expect(() => build(rows)).toThrow(`usage.json: ${problem}`);
  });
});
