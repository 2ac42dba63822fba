import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observabilityDir, readKustomization, readResource, ruleSchemaViolations } from './observability-files.ts';

const kustomization = readKustomization();

describe('knative/observability kustomization', () => {
  it('should list only files that exist', () => {
    const files = [
      ...(kustomization.resources ?? []),
      ...(kustomization.configMapGenerator ?? []).flatMap((generator) => generator.files ?? []),
    ];
    expect(files.filter((file) => !existsSync(`${observabilityDir}/${file}`))).toEqual([]);
  });

  it('should ship the dashboard as a ConfigMap that the Grafana sidecar picks up (label grafana_dashboard: "1")', () => {
    const generator = kustomization.configMapGenerator?.find((candidate) => candidate.files?.includes('uxflow-functions.json'));
    expect(generator?.options?.labels).toMatchObject({ grafana_dashboard: '1' });
  });

  it('should hold Prometheus Operator resources only, the rules valid against the PrometheusRule schema', () => {
    for (const file of kustomization.resources ?? []) {
      const resource = readResource(file) as { apiVersion: string; kind: string };
      expect(resource.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(['PrometheusRule', 'PodMonitor', 'ServiceMonitor']).toContain(resource.kind);
      if (resource.kind === 'PrometheusRule') expect(ruleSchemaViolations(resource)).toEqual([]);
    }
  });

  it('should scrape the queue-proxy of the function pods on its user-metrics port', () => {
    const monitor = readResource('podmonitor.yaml') as {
      spec: { namespaceSelector: { matchNames: string[] }; podMetricsEndpoints: { port: string }[] };
    };
    expect(monitor.spec.namespaceSelector.matchNames).toContain('uxflow');
    expect(monitor.spec.podMetricsEndpoints.map((endpoint) => endpoint.port)).toEqual(['http-usermetric']);
  });
});
