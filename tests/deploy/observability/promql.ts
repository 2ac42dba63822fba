import { redLabels, redSeries } from '../../../shared/platform/telemetry/metric-names.ts';

/**
 * A PromQL sanity check, not a parser: brackets balance, every `name(` is a PromQL function, aggregation or keyword,
 * every range `[…]` is a duration (or a subquery), and every metric named is one we know (with label matchers that
 * metric carries). Grafana's variables are replaced by plausible values first.
 */

const functions = new Set(
  [
    'abs absent absent_over_time acos acosh asin asinh atan atanh avg_over_time ceil changes clamp clamp_max clamp_min cos cosh',
    'count_over_time day_of_month day_of_week day_of_year days_in_month deg delta deriv double_exponential_smoothing exp floor',
    'histogram_avg histogram_count histogram_fraction histogram_quantile histogram_stddev histogram_stdvar histogram_sum',
    'holt_winters hour idelta increase info irate label_join label_replace last_over_time ln log10 log2 mad_over_time',
    'max_over_time min_over_time minute month pi predict_linear present_over_time quantile_over_time rad rate resets round',
    'scalar sgn sin sinh sort sort_by_label sort_by_label_desc sort_desc sqrt stddev_over_time stdvar_over_time sum_over_time',
    'tan tanh time timestamp vector year',
  ]
    .join(' ')
    .split(' '),
);
const aggregations = new Set('sum min max avg group stddev stdvar count count_values bottomk topk quantile limitk limit_ratio'.split(' '));
/** Words that may stand before a parenthesis or between operands without being a metric. */
const keywords = new Set('by without on ignoring group_left group_right and or unless bool offset atan2 inf nan'.split(' '));
const labelLists = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)/g;

/** Labels Prometheus itself adds to a scraped series (target labels of the Prometheus Operator). */
const targetLabels = ['job', 'instance', 'namespace', 'pod', 'container', 'service', 'endpoint'];

/** The metrics our dashboards and rules may read, with the labels each carries (`*` = any label with that prefix). */
export const sourceMetrics: Record<string, readonly string[]> = (() => {
  const knative = ['namespace_name', 'service_name', 'configuration_name', 'revision_name', 'pod_name', 'container_name'];
  const request = [...knative, 'response_code', 'response_code_class'];
  return {
    revision_request_count: request,
    revision_request_latencies_bucket: [...request, 'le'],
    activator_request_count: request,
    activator_request_latencies_bucket: [...request, 'le'],
    autoscaler_actual_pods: knative,
    autoscaler_desired_pods: knative,
    kube_pod_container_resource_requests: ['node', 'resource', 'unit', 'uid'],
    kube_pod_labels: ['uid', 'label_*'],
    certmanager_certificate_expiration_timestamp_seconds: ['name', 'issuer_name', 'issuer_kind', 'issuer_group'],
    // The functions' own RED metrics, named as the code emits them (shared/platform/telemetry/metric-names.ts).
    ...Object.fromEntries(redSeries().map((series) => [series, series.endsWith('_bucket') ? [...redLabels, 'le'] : [...redLabels]])),
  };
})();

/** Grafana's built-in intervals become a duration; any other `$variable` a number (variables in strings stay as they are). */
export const expandGrafanaVariables = (expr: string): string =>
  expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m').replace(/(^|[^"\w])\$\{?\w+\}?/g, (_, before: string) => `${before}1`);

const withoutStrings = (expr: string) => expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');

const balanceProblems = (expr: string): string[] => {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const char of expr) {
    if ('([{'.includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return [`unbalanced "${char}"`];
  }
  return stack.length > 0 ? [`unclosed "${stack.join('')}"`] : [];
};

const duration = '(\\d+(ms|[smhdwy]))+';
const rangeProblems = (expr: string): string[] =>
  [...expr.matchAll(/\[([^\]]*)\]/g)]
    .map((match) => match[1]!.trim())
    .filter((range) => !new RegExp(`^${duration}(\\s*:\\s*(${duration})?)?$`).test(range))
    .map((range) => `"[${range}]" is not a range or subquery`);

const callProblems = (expr: string): string[] =>
  [...expr.matchAll(/([a-zA-Z_][a-zA-Z0-9_:]*)\s*\(/g)]
    .map((match) => match[1]!)
    .filter((name) => !functions.has(name) && !aggregations.has(name) && !keywords.has(name))
    .map((name) => `unknown function "${name}"`);

/** Metric selectors in an expression, with the label names of their matchers. */
export const selectors = (expr: string): { metric: string; labels: string[] }[] => {
  const plain = withoutStrings(expandGrafanaVariables(expr)).replace(labelLists, ' ');
  const found: { metric: string; labels: string[] }[] = [];
  const pattern = /(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])\s*(\{([^}]*)\})?/g;
  for (const match of plain.replace(/\[[^\]]*\]/g, ' ').matchAll(pattern)) {
    const metric = match[1]!;
    if (keywords.has(metric) || functions.has(metric) || aggregations.has(metric)) continue;
    const labels = [...(match[3] ?? '').matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)/g)].map((label) => label[1]!);
    found.push({ metric, labels });
  }
  return found;
};

const metricProblems = (expr: string, recorded: ReadonlySet<string>): string[] =>
  selectors(expr).flatMap(({ metric, labels }) => {
    if (recorded.has(metric)) return [];
    const known = sourceMetrics[metric];
    if (!known) return [`unknown metric "${metric}"`];
    const allowed = (label: string) =>
      targetLabels.includes(label) || known.some((name) => name === label || (name.endsWith('*') && label.startsWith(name.slice(0, -1))));
    return labels.filter((label) => !allowed(label)).map((label) => `${metric} has no label "${label}"`);
  });

/** What is wrong with one PromQL expression (empty when it passes); `recorded` names the recording rules it may read. */
export const promqlProblems = (expr: unknown, recorded: ReadonlySet<string> = new Set()): string[] => {
  if (typeof expr !== 'string' || expr.trim() === '') return ['empty expression'];
  const expanded = expandGrafanaVariables(expr);
  const code = withoutStrings(expanded);
  return [...balanceProblems(code), ...rangeProblems(code), ...callProblems(code), ...metricProblems(expr, recorded)];
};
