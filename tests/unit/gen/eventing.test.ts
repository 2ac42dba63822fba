import type { IBroker } from '@kubernetes-models/knative/eventing.knative.dev/v1/Broker';
import type { ITrigger } from '@kubernetes-models/knative/eventing.knative.dev/v1/Trigger';
import type { IPingSource } from '@kubernetes-models/knative/sources.knative.dev/v1/PingSource';
import { describe, expect, it } from 'vitest';
import { buildBroker } from '../../../scripts/gen/knative/broker.ts';
import { buildPingSource } from '../../../scripts/gen/knative/ping-source.ts';
import { toPlain } from '../../../scripts/gen/knative/to-plain.ts';
import { triggerName } from '../../../scripts/gen/knative/trigger-name.ts';
import { buildTriggers } from '../../../scripts/gen/knative/triggers.ts';
import { cronFunction, eventFunction } from './fixtures.ts';

const serviceRef = (name: string) => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name });

describe('buildTriggers', () => {
  it('should filter the default broker on the event type and call the function when built', () => {
    const [trigger] = buildTriggers(eventFunction()).map((t) => toPlain<ITrigger>(t));
    expect(trigger?.metadata).toMatchObject({ name: 'ops-record-heartbeat--ops-heartbeat-v1', namespace: 'uxflow' });
    expect(trigger?.spec).toEqual({
      broker: 'default',
      filter: { attributes: { type: 'com.uxflow.ops.heartbeat.v1' } },
      subscriber: { ref: serviceRef('ops-record-heartbeat') },
    });
  });
});

describe('triggerName', () => {
  it('should join function and short event type when the result fits a DNS label', () => {
    expect(triggerName('flows-index-flow', 'com.uxflow.flows.flow-created.v1')).toBe('flows-index-flow--flows-flow-created-v1');
  });

  it('should cut and hash deterministically when the name would exceed 63 characters', () => {
    const long = 'knowledge-reindex-workspace-documents-after-import';
    const first = triggerName(long, 'com.uxflow.knowledge.document-uploaded.v1');
    const other = triggerName(long, 'com.uxflow.knowledge.document-replaced.v1');
    expect(first.length).toBeLessThanOrEqual(63);
    expect(first).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    expect(first).toBe(triggerName(long, 'com.uxflow.knowledge.document-uploaded.v1'));
    expect(first).not.toBe(other);
  });
});

describe('buildPingSource', () => {
  it('should tick in UTC with the job extension and an empty JSON body straight into the Service when built', () => {
    const source = toPlain<IPingSource>(buildPingSource(cronFunction()));
    expect(source.metadata).toMatchObject({ name: 'ops-heartbeat', namespace: 'uxflow' });
    expect(source.spec).toEqual({
      schedule: '*/5 * * * *',
      timezone: 'UTC',
      contentType: 'application/json',
      data: '{}',
      ceOverrides: { extensions: { job: 'ops-heartbeat' } },
      sink: { ref: serviceRef('ops-heartbeat') },
    });
  });
});

describe('buildBroker', () => {
  it('should retry five times with exponential backoff from half a second, then dead-letter', () => {
    expect(toPlain<IBroker>(buildBroker()).spec).toEqual({
      delivery: { retry: 5, backoffPolicy: 'exponential', backoffDelay: 'PT0.5S', deadLetterSink: { ref: serviceRef('dead-letters') } },
    });
  });
});
