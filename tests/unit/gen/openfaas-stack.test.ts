import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderOpenFaasStack } from '../../../scripts/gen/openfaas/stack.ts';
import { cronFunction, eventFunction, httpFunction } from './fixtures.ts';

interface Stack {
  version: string;
  provider: { name: string };
  functions: Record<
    string,
    {
      image: string;
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      limits: object;
      environment: Record<string, string>;
    }
  >;
}

describe('renderOpenFaasStack', () => {
  const stack = parse(renderOpenFaasStack([httpFunction(), eventFunction(), cronFunction()]).content) as Stack;

  it('should declare one function per definition under the same name', () => {
    expect(stack.version).toBe('1.0');
    expect(stack.provider.name).toBe('openfaas');
    expect(Object.keys(stack.functions)).toEqual(['flows-get', 'ops-record-heartbeat', 'ops-heartbeat']);
  });

  it('should carry the cost labels, scaling labels, limits and host environment of the Knative Service', () => {
    const fn = stack.functions['flows-get'];
    expect(fn?.labels).toMatchObject({
      team: 'flows-team',
      'cost-center': 'cc-product',
      service: 'flows-get',
      'com.openfaas.scale.min': '0',
      'com.openfaas.scale.zero': 'true',
    });
    expect(fn?.limits).toEqual({ cpu: '1', memory: '256Mi' });
    expect(fn?.environment).toMatchObject({ FUNCTION_TARGET: 'flows-get', FUNCTION_SIGNATURE_TYPE: 'http' });
    expect(fn?.annotations).toBeUndefined();
  });

  it('should annotate cron functions for the cron connector and event functions with their topics', () => {
    expect(stack.functions['ops-heartbeat']?.annotations).toEqual({ topic: 'cron-function', schedule: '*/5 * * * *' });
    expect(stack.functions['ops-record-heartbeat']?.annotations).toEqual({ topic: 'com.uxflow.ops.heartbeat.v1' });
  });
});
