import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { markdownAnchors, readRules, ruleSchemaViolations, rulesOf, type Rule } from './observability-files.ts';
import { alertProblems } from './observability-policy.ts';
import { promqlProblems } from './promql.ts';

const resource = readRules();
const rules = rulesOf(resource);
const alerts = rules.filter((rule) => rule.alert !== undefined);
const recorded = new Set(rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
const anchors = markdownAnchors(readFileSync(fromRoot('docs', 'observability.md'), 'utf8'));
const alert = (name: string): Rule => alerts.find((rule) => rule.alert === name) ?? { alert: name };

describe('PrometheusRule uxflow-functions', () => {
  it('should validate against the PrometheusRule schema', () => {
    expect(ruleSchemaViolations(resource)).toEqual([]);
  });

  it('should fail the schema for a rule that records and alerts at once, or waits for a malformed duration', () => {
    const broken = structuredClone(resource);
    broken.spec.groups[0]!.rules[0]!.alert = 'Both';
    broken.spec.groups[2]!.rules[0]!.for = '10 minutes';
    expect(ruleSchemaViolations(broken)).not.toEqual([]);
  });

  it.each([
    ['UxflowFunctionErrorRateHigh', /uxflow:function_error_ratio:rate5m > 0\.01/],
    ['UxflowFunctionLatencyP95High', /uxflow:function_latency_ms:p95_5m > 1000/],
    ['UxflowFunctionAvailabilityFastBurn', /rate1h > \(14\.4 \* 0\.001\)[\s\S]*rate5m > \(14\.4 \* 0\.001\)/],
    ['UxflowFunctionAvailabilitySlowBurn', /rate6h > \(6 \* 0\.001\)[\s\S]*rate30m > \(6 \* 0\.001\)/],
    ['UxflowCostAnomaly', /> 1\.5 \* sum_over_time\(uxflow:team_cpu_request_cores:sum\[7d\] offset 1d\)/],
    ['UxflowCertificateExpiringSoon', /certmanager_certificate_expiration_timestamp_seconds - time\(\) < 14 \* 86400/],
  ])('should define the alert %s with its threshold', (name, threshold) => {
    expect(String(alert(name).expr)).toMatch(threshold);
  });

  it.each(alerts.map((rule) => [rule.alert!, rule] as const))(
    'should give %s a severity, summary, description and runbook anchor',
    (_, rule) => {
      expect(alertProblems(rule, anchors)).toEqual([]);
    },
  );

  it.each(rules.map((rule) => [rule.alert ?? rule.record!, rule] as const))('should hold a sane PromQL expression in %s', (_, rule) => {
    expect(promqlProblems(rule.expr, recorded)).toEqual([]);
  });

  it('should record the cost series exactly once a minute, as the CPU-hours arithmetic (/ 60) assumes', () => {
    const group = resource.spec.groups.find((candidate) =>
      candidate.rules.some((rule) => rule.record === 'uxflow:team_cpu_request_cores:sum'),
    );
    expect(group?.interval).toBe('1m');
  });

  it('should report an alert without severity, without runbook or with a runbook anchor that the docs lack', () => {
    expect(alertProblems({ alert: 'Bare', expr: 'up == 0' }, anchors)).toEqual([
      'Bare: severity must be one of critical, warning, info',
      'Bare: needs the annotation summary',
      'Bare: needs the annotation description',
      'Bare: needs the annotation runbook_url',
      'Bare: runbook_url must be docs/observability.md#<anchor>',
    ]);
    const missingAnchor = {
      ...alert('UxflowCostAnomaly'),
      annotations: { ...alert('UxflowCostAnomaly').annotations, runbook_url: 'docs/observability.md#nowhere' },
    };
    expect(alertProblems(missingAnchor, anchors)).toEqual(['UxflowCostAnomaly: docs/observability.md has no heading for #nowhere']);
  });
});
