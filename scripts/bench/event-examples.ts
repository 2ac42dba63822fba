import type { EventData, EventType } from '../../shared/platform/events/catalog.ts';

const now = () => new Date().toISOString();
const flowEvent = () => ({
  flowId: 'flw_bench0000000000000000',
  workspaceId: 'wsp_bench0000000000000000',
  versionNumber: 1,
  kind: 'created',
  actorId: 'usr_bench0000000000000000',
  at: now(),
  operations: { count: 0, byType: {}, text: 'created' },
});

/**
 * A valid `data` for every event type (a new type does not compile until it has one): the cold-start
 * probe must be handled, not refused and retried. Each is harmless to its consumers.
 */
export const eventExamples: { [T in EventType]: () => EventData<T> } = {
  'com.uxflow.ops.heartbeat.v1': () => ({ job: 'ops-heartbeat', firedAt: now(), tickId: `bench-${Date.now()}` }),
  'com.uxflow.security.event.v1': () => ({ id: 'sev_bench000000000000000', type: 'login_failed', at: now() }),
  // No consumer acts on it yet: published for alerting integrations.
  'com.uxflow.security.alert.v1': () => ({
    id: 'sal_bench000000000000000',
    rule: 'rate_limit_abuse',
    title: 'bench',
    severity: 'low',
    subject: { kind: 'ip', id: '192.0.2.1' },
    value: 1,
    threshold: 1,
    windowStart: now(),
    windowEnd: now(),
    raisedAt: now(),
    incidentId: 'inc_bench000000000000000',
    eventId: 'sev_bench000000000000000',
  }),
  'com.uxflow.flow.created.v1': flowEvent,
  'com.uxflow.flow.updated.v1': flowEvent,
  'com.uxflow.flow.deleted.v1': flowEvent,
  // A Stripe type no handler acts on: stored and published, then ignored.
  'com.uxflow.billing.stripe.v1': () => ({
    id: `evt_bench_${Date.now()}`,
    type: 'bench.cold_start',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: {} },
  }),
  // No such document: the ingestion finds nothing and acknowledges.
  'com.uxflow.knowledge.document.uploaded.v1': () => ({
    workspaceId: 'wsp_bench0000000000000000',
    documentId: 'kdoc_bench000000000000000',
  }),
  // No such job: the runner finds nothing and acknowledges.
  'com.uxflow.ai.job.requested.v1': () => ({
    workspaceId: 'wsp_bench000000000000000',
    flowId: 'flw_bench000000000000000',
    jobId: 'job_bench000000000000000',
  }),
};
