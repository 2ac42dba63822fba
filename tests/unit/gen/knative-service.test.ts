import { describe, expect, it } from 'vitest';
import { eventPublisher } from '../../../shared/infra/broker/broker-publisher.ts';
import type { IService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { buildService } from '../../../scripts/gen/knative/service.ts';
import { toPlain } from '../../../scripts/gen/knative/to-plain.ts';
import { cronFunction, eventFunction, httpFunction } from './fixtures.ts';

const spotKey = 'cloud.google.com/gke-spot';
const costLabels = { team: 'flows-team', 'cost-center': 'cc-product', domain: 'flows', service: 'flows-get', tier: 'standard' };
const plain = (definition: Parameters<typeof buildService>[0]) => toPlain<IService>(buildService(definition));
const specOf = (definition: Parameters<typeof buildService>[0]) => plain(definition).spec?.template?.spec;

describe('buildService', () => {
  it('should prefer spot nodes and tolerate their taint when spot is preferred', () => {
    const spec = specOf(httpFunction({ spot: 'preferred' }));
    expect(spec?.tolerations).toEqual([{ key: spotKey, operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(spec?.affinity).toEqual({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: spotKey, operator: 'In', values: ['true'] }] } },
        ],
      },
    });
  });

  it('should require spot nodes when spot is required', () => {
    const spec = specOf(httpFunction({ spot: 'required' }));
    expect(spec?.tolerations).toHaveLength(1);
    expect(spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: spotKey, operator: 'In', values: ['true'] }] }],
        },
      },
    });
  });

  it('should keep pods off spot nodes without a toleration when spot is never', () => {
    const spec = specOf(httpFunction({ spot: 'never' }));
    expect(spec?.tolerations).toBeUndefined();
    expect(spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: spotKey, operator: 'DoesNotExist' }] }],
        },
      },
    });
  });

  it('should put the cost tags on the Service and on the revision template when built', () => {
    const service = plain(httpFunction());
    expect(service.metadata?.name).toBe('flows-get');
    expect(service.metadata?.labels).toMatchObject({
      ...costLabels,
      'networking.knative.dev/visibility': 'cluster-local',
      'uxflow.dev/trigger': 'http',
    });
    expect(service.spec?.template?.metadata?.labels).toMatchObject({ ...costLabels, 'app.kubernetes.io/name': 'flows-get' });
    expect(service.spec?.template?.metadata?.labels).not.toHaveProperty('networking.knative.dev/visibility');
  });

  it('should put autoscaling annotations only under the template when built', () => {
    const service = plain(httpFunction());
    const own = Object.keys(service.metadata?.annotations ?? {});
    expect(own.filter((key) => key.startsWith('autoscaling.knative.dev/'))).toEqual([]);
    expect(service.spec?.template?.metadata?.annotations).toMatchObject({
      'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev',
      'autoscaling.knative.dev/metric': 'concurrency',
      'autoscaling.knative.dev/target': '50',
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '10',
    });
    expect(service.spec?.template?.metadata?.annotations).not.toHaveProperty('autoscaling.knative.dev/initial-scale');
  });

  it('should annotate personal data, legal basis and credits when the definition declares them', () => {
    const annotations = plain(httpFunction({ credits: 'ai.generate' })).spec?.template?.metadata?.annotations;
    expect(annotations).toMatchObject({
      'uxflow.dev/personal-data': 'content,identity',
      'uxflow.dev/legal-basis': 'contract',
      'uxflow.dev/credits': 'ai.generate',
    });
  });

  it('should fail naming the Service when the schema rejects a field', () => {
    const resources = { requests: { cpu: 'lots', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } };
    expect(() => buildService({ ...httpFunction(), resources })).toThrow(/Container of flows-get is invalid: .*requests\/cpu/);
  });

  it('should fail naming the Service when min-scale exceeds max-scale', () => {
    const definition = { ...httpFunction(), scaling: { minScale: 3, maxScale: 1, concurrency: 10 } };
    expect(() => buildService(definition)).toThrow(/flows-get.*min-scale/);
  });

  it.each([
    ['an HTTP function', httpFunction(), 'http', false],
    ['an event function using the broker', eventFunction({ uses: [eventPublisher] }), 'cloudevent', true],
    ['a cron function without the broker', cronFunction(), 'cloudevent', false],
  ])('should set the host environment when built for %s', (_, definition, signature, hasBroker) => {
    const env = specOf(definition)?.containers[0]?.env ?? [];
    const value = (name: string) => env.find((e) => e.name === name)?.value;
    expect(value('FUNCTION_TARGET')).toBe(definition.name);
    expect(value('FUNCTION_SIGNATURE_TYPE')).toBe(signature);
    // CommonJS: the Functions Framework requires it as is (no module-type look-up, no ES module loader).
    expect(value('FUNCTION_SOURCE')).toBe(`dist/functions/${definition.name}.cjs`);
    expect(value('BROKER_URL') !== undefined).toBe(hasBroker);
  });

  it('should probe the serving port over TCP for readiness and liveness when built', () => {
    const container = specOf(httpFunction())?.containers[0];
    expect(container?.ports).toEqual([{ name: 'http1', containerPort: 8080 }]);
    expect(container?.readinessProbe?.tcpSocket).toEqual({ port: 8080 });
    expect(container?.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 3 });
  });

  it.each([
    ['critical', '1m'],
    ['standard', '0s'],
    ['batch', '0s'],
  ] as const)('should keep an idle %s function for %s before scaling to zero', (tier, retention) => {
    const definition = { ...httpFunction(), costTags: { team: 't', costCenter: 'c', tier } };
    expect(plain(definition).spec?.template?.metadata?.annotations).toMatchObject({
      'autoscaling.knative.dev/scale-to-zero-pod-retention-period': retention,
    });
  });
});
