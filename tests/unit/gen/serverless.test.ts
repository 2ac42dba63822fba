import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { functionEvents } from '../../../scripts/gen/serverless/function-events.ts';
import { lambdaMemoryMiB } from '../../../scripts/gen/serverless/memory.ts';
import { renderServerless } from '../../../scripts/gen/serverless/serverless-config.ts';
import { cronFunction, eventFunction, httpFunction } from './fixtures.ts';

describe('functionEvents', () => {
  it.each([
    ['an HTTP route', httpFunction({ method: 'patch' }), [{ httpApi: { method: 'PATCH', path: '/v1/flows/{flowId}' } }]],
    ['the fallback route', httpFunction({ path: '/*' }), [{ httpApi: { method: '*', path: '/{proxy+}' } }]],
    ['an event function', eventFunction(), [{ httpApi: { method: 'POST', path: '/_events/ops-record-heartbeat' } }]],
    [
      'a cron function',
      cronFunction({ schedule: '0 3 * * 1' }),
      [{ schedule: { rate: ['cron(0 3 * * 1 *)'] } }, { httpApi: { method: 'POST', path: '/_events/ops-heartbeat' } }],
    ],
  ])('should expose %s the way the local fleet reaches it', (_, definition, expected) => {
    expect(functionEvents(definition)).toEqual(expected);
  });
});

describe('lambdaMemoryMiB', () => {
  it.each([
    ['256Mi', 256],
    ['1Gi', 1024],
    ['512M', 489],
    ['64Mi', 128],
  ])('should turn %s into %i MiB', (quantity, expected) => {
    expect(lambdaMemoryMiB(quantity)).toBe(expected);
  });
});

describe('renderServerless', () => {
  it('should declare one Lambda per function with its handler, limits and cost tags', () => {
    const config = parse(renderServerless([httpFunction(), cronFunction()]).content) as {
      plugins: string[];
      functions: Record<string, { handler: string; timeout: number; memorySize: number; tags: Record<string, string> }>;
    };
    expect(config.plugins).toEqual(['serverless-offline']);
    expect(Object.keys(config.functions)).toEqual(['flows-get', 'ops-heartbeat']);
    expect(config.functions['flows-get']).toMatchObject({
      handler: 'dist/lambda/flows-get.handler',
      timeout: 30,
      memorySize: 256,
      tags: { team: 'flows-team', 'cost-center': 'cc-product', domain: 'flows', tier: 'standard' },
    });
  });
});
