import { allPanels, type Dashboard, type Rule } from './observability-files.ts';
import { promqlProblems } from './promql.ts';

/** The panels the dashboard must have, by title (requests, errors, duration, instances, cold starts, cost). */
export const requiredPanels = [
  'Requests per second',
  'Error rate (5xx)',
  'Duration p50 / p95 / p99',
  'Instances (pods)',
  'Cold starts (scale from zero, per hour)',
  'Cold start latency (activator p95)',
  'Estimated cost per function (USD/hour)',
  'Estimated cost by team / cost-center (USD/hour)',
] as const;

const mentionsFunction = (expr: unknown) => typeof expr === 'string' && /\$\{?function\}?/.test(expr);

/** What is wrong with the dashboard: missing or unfiltered required panels, and PromQL that fails the sanity check. */
export const dashboardProblems = (dashboard: Dashboard, recorded: ReadonlySet<string>): string[] => {
  const panels = allPanels(dashboard);
  const problems: string[] = [];
  for (const title of requiredPanels) {
    const panel = panels.find((candidate) => candidate.title === title);
    if (!panel) problems.push(`missing panel "${title}"`);
    else if (!panel.targets?.length) problems.push(`panel "${title}" has no query`);
    else if (!panel.targets.every((target) => mentionsFunction(target.expr)))
      problems.push(`panel "${title}": every query must filter on $function`);
  }
  for (const panel of panels)
    for (const target of panel.targets ?? [])
      for (const problem of promqlProblems(target.expr, recorded))
        problems.push(`panel "${panel.title}" ${target.refId ?? ''}: ${problem}`);
  const ids = panels.map((panel) => panel.id);
  if (new Set(ids).size !== ids.length) problems.push('panel ids repeat');
  return problems;
};

export const severities = ['critical', 'warning', 'info'] as const;

/** What is wrong with one alerting rule: severity, summary, description and a runbook_url to an existing anchor of docs/observability.md. */
export const alertProblems = (rule: Rule, anchors: ReadonlySet<string>): string[] => {
  const name = rule.alert ?? '?';
  const problems: string[] = [];
  if (!severities.includes(rule.labels?.severity as (typeof severities)[number]))
    problems.push(`${name}: severity must be one of ${severities.join(', ')}`);
  for (const key of ['summary', 'description', 'runbook_url'])
    if (!rule.annotations?.[key]?.trim()) problems.push(`${name}: needs the annotation ${key}`);
  const runbook = /^docs\/observability\.md#([\w-]+)$/.exec(rule.annotations?.runbook_url ?? '');
  if (!runbook) problems.push(`${name}: runbook_url must be docs/observability.md#<anchor>`);
  else if (!anchors.has(runbook[1]!)) problems.push(`${name}: docs/observability.md has no heading for #${runbook[1]}`);
  return problems;
};
