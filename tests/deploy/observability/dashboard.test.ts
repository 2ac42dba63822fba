import { describe, expect, it } from 'vitest';
import { allPanels, readDashboard, readRules, rulesOf } from './observability-files.ts';
import { dashboardProblems, requiredPanels } from './observability-policy.ts';

const recorded = new Set(rulesOf(readRules()).flatMap((rule) => (rule.record ? [rule.record] : [])));
const panel = (title: string) => allPanels(readDashboard()).find((candidate) => candidate.title === title);
const exprs = (title: string) => (panel(title)?.targets ?? []).map((target) => String(target.expr));

describe('Grafana dashboard uxflow-functions.json', () => {
  it('should parse as JSON with a uid and a title', () => {
    const dashboard = readDashboard();
    expect(dashboard.uid).toBe('uxflow-functions');
    expect(dashboard.title).toMatch(/\S/);
  });

  it('should offer a multi-value function variable over the Knative Service names', () => {
    const variable = readDashboard().templating.list.find((candidate) => candidate.name === 'function');
    expect(variable).toMatchObject({ type: 'query', multi: true, includeAll: true });
    expect(variable?.definition).toMatch(/label_values\(\w+\{[^}]*\},\s*service_name\)/);
  });

  it('should offer the price variables that the cost panels multiply by', () => {
    const names = readDashboard().templating.list.map((variable) => variable.name);
    expect(names).toEqual(expect.arrayContaining(['cpu_price', 'memory_price', 'team', 'namespace']));
    for (const expr of exprs('Estimated cost per function (USD/hour)')) expect(expr).toMatch(/\$cpu_price[\s\S]*\$memory_price/);
  });

  it.each(requiredPanels)('should have the panel "%s" with queries that filter on $function', (title) => {
    expect(panel(title)?.targets?.length).toBeGreaterThan(0);
    for (const expr of exprs(title)) expect(expr).toMatch(/\$function/);
  });

  it('should read the Knative metric each panel is about', () => {
    expect(exprs('Requests per second').join()).toContain('revision_request_count');
    expect(exprs('Error rate (5xx)').join()).toContain('response_code_class="5xx"');
    expect(exprs('Duration p50 / p95 / p99').join()).toMatch(/0\.5[\s\S]*0\.95[\s\S]*0\.99/);
    expect(exprs('Instances (pods)').join()).toContain('autoscaler_actual_pods');
    expect(exprs('Cold starts (scale from zero, per hour)').join()).toContain('autoscaler_actual_pods');
    expect(exprs('Cold start latency (activator p95)').join()).toContain('activator_request_latencies_bucket');
    expect(exprs('Estimated cost by team / cost-center (USD/hour)').join()).toMatch(/by \(label_team, label_cost_center\)/);
  });

  it('should pass the dashboard checks: required panels, $function filters, PromQL sanity, unique ids', () => {
    expect(dashboardProblems(readDashboard(), recorded)).toEqual([]);
  });

  it('should report a required panel that is missing, ignores $function or holds broken PromQL', () => {
    const dashboard = readDashboard();
    const panels = allPanels(dashboard);
    panels.find((candidate) => candidate.title === 'Instances (pods)')!.title = 'Pods';
    panels.find((candidate) => candidate.title === 'Requests per second')!.targets = [
      { refId: 'A', expr: 'sum(rate(revision_request_count[5m]))' },
    ];
    panels.find((candidate) => candidate.title === 'Error rate (5xx)')!.targets![0]!.expr =
      'sum(rate(revision_request_count{service_name=~"$function"}[5m])';
    expect(dashboardProblems(dashboard, recorded)).toEqual([
      'panel "Requests per second": every query must filter on $function',
      'missing panel "Instances (pods)"',
      'panel "Error rate (5xx)" A: unclosed "("',
    ]);
  });
});
