import { describe, expect, it } from 'vitest';
import { promqlProblems } from './promql.ts';

const recorded = new Set(['uxflow:function_requests:rate5m']);

describe('PromQL sanity check', () => {
  it.each([
    'sum by (service_name) (rate(revision_request_count{namespace_name="uxflow", service_name=~"$function"}[$__rate_interval]))',
    'histogram_quantile(0.95, sum by (service_name, le) (rate(revision_request_latencies_bucket{service_name=~"a|b"}[5m]))) > 1000',
    'uxflow:function_requests:rate5m > 0.1 and on (namespace_name, service_name) uxflow:function_requests:rate5m offset 1d',
    'count_over_time((autoscaler_actual_pods > bool 0)[1h:1m])',
    'certmanager_certificate_expiration_timestamp_seconds - time() < 14 * 86400',
    'sum(kube_pod_container_resource_requests{resource="cpu"}) * $cpu_price',
    'rate(revision_request_count{namespace="uxflow", job="queue-proxy"}[5m])',
  ])('should accept %s', (expr) => {
    expect(promqlProblems(expr, recorded)).toEqual([]);
  });

  it.each([
    ['', 'empty expression'],
    ['sum(rate(revision_request_count[5m])', 'unclosed "("'],
    ['sum(rate(revision_request_count{service_name="a"[5m]))', 'unbalanced ")"'],
    ['rate(revision_request_count[5 minutes])', '"[5 minutes]" is not a range or subquery'],
    ['percentile(0.9, revision_request_count)', 'unknown function "percentile"'],
    ['rate(revision_request_cout[5m])', 'unknown metric "revision_request_cout"'],
    ['rate(revision_request_count{svc_name="x"}[5m])', 'revision_request_count has no label "svc_name"'],
    ['uxflow:not_recorded:rate5m > 1', 'unknown metric "uxflow:not_recorded:rate5m"'],
  ])('should flag %j', (expr, problem) => {
    expect(promqlProblems(expr, recorded)).toContain(problem);
  });
});
