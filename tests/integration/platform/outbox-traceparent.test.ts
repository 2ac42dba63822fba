import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createFlow from '../../../functions/flows/create.ts';
import publishFlowEventsFunction from '../../../functions/flows/publish-events.ts';
import publishDocumentEventsFunction from '../../../functions/knowledge/publish-document-events.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import publishSecurityEventsFunction from '../../../functions/security/publish-events.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { createFlowVersionStore } from '../../../shared/infra/mongodb/flow-version-store.ts';
import { createKnowledgeDocumentStore } from '../../../shared/infra/mongodb/knowledge-document-store.ts';
import { createSecurityAlertStore } from '../../../shared/infra/mongodb/security-alert-store.ts';
import { createSecurityEventStore } from '../../../shared/infra/mongodb/security-event-store.ts';
import { createStripeEventStore } from '../../../shared/infra/mongodb/stripe-event-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { runInRequestScope } from '../../../shared/platform/request-scope.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWorkspaceKit, type WorkspaceKit } from '../../support/workspace-kit.ts';

/**
 * An outbox record keeps the traceparent of the request that wrote it, and the outbox cron that
 * publishes it late sends that one: the CloudEvent (read off the wire by a real HTTP server standing
 * in for the broker) continues the request's trace, not the cron's. No tracing SDK here: the ids
 * are the request's own (`traceresponse`), handed on as they are.
 */
let broker: Server;
let brokerUrl: string;
/** What the broker answers next (503: down). */
let brokerStatus = 202;
const received: { type: string; subject: string; traceparent: string | undefined; status: number }[] = [];
let kit: WorkspaceKit;
let runtime: Runtime;

const publishFlowEvents = named(publishFlowEventsFunction, 'functions/flows/publish-events.ts');
const publishDocumentEvents = named(publishDocumentEventsFunction, 'functions/knowledge/publish-document-events.ts');
const publishSecurityEvents = named(publishSecurityEventsFunction, 'functions/security/publish-events.ts');

const newTrace = () => {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, pattern: new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`) };
};
const accepted = (subject: string) => received.filter((event) => event.subject === subject && event.status === 202);

beforeAll(async () => {
  broker = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const header = (name: string) => (req.headers[name] === undefined ? undefined : String(req.headers[name]));
      received.push({
        type: header('ce-type')!,
        subject: header('ce-subject')!,
        traceparent: header('ce-traceparent'),
        status: brokerStatus,
      });
      res.writeHead(brokerStatus).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
  kit = await startWorkspaceKit('it_outbox_trace', {
    services: ['chroma', 'embeddings'],
    env: { BROKER_URL: brokerUrl, KNOWLEDGE_COLLECTION_PREFIX: `it-outbox-trace-${randomUUID().slice(0, 8)}` },
  });
  runtime = createRuntime({ name: 'it-outbox-trace', uses: [ledgerPorts] }, kit.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime?.close();
  await kit?.close();
  await new Promise((resolve) => broker.close(resolve));
});

describe('outbox records keep the trace of the request that wrote them', () => {
  it('should publish a flow version event from the outbox cron under the trace of the create request', async () => {
    const { alice } = await kit.users('alice');
    const workspaceId = await kit.workspace({ owner: [alice] });
    const trace = newTrace();
    const created = await kit.call(createFlow, `/v1/workspaces/${workspaceId}/flows`, alice, {
      method: 'POST',
      body: { name: 'Checkout' },
      headers: { traceparent: trace.header },
    });
    expect(created.status).toBe(201);
    const flowId = created.body?.id as string;
    const stored = await kit.db.collection('flow_versions').findOne({ flowId, versionNumber: 1 });
    expect(stored?.traceparent).toBe(created.headers.get('traceresponse'));
    // Outbox bookkeeping, not part of the version the flows service reads.
    expect(await createFlowVersionStore(kit.db).find(flowId, 1)).not.toHaveProperty('traceparent');

    await fireCron(publishFlowEvents, kit.env);
    const [event] = accepted(flowId);
    expect(event?.type).toBe('com.uxflow.flow.created.v1');
    expect(event?.traceparent).toMatch(trace.pattern);
  });

  it('should send the upload request trace both from the request and, when the broker refused, from the outbox cron', async () => {
    const { bob } = await kit.users('bob');
    const workspaceId = await kit.workspace({ owner: [bob] });
    await createLedger(runtime.use(ledgerPorts)).grantPlanCredits(workspaceId, 20, `grant:${workspaceId}`, 'test', null);
    const upload = async (trace: ReturnType<typeof newTrace>) => {
      const reply = await kit.call(uploadDocument, `/v1/workspaces/${workspaceId}/knowledge/documents`, bob, {
        method: 'POST',
        headers: { traceparent: trace.header },
        body: { title: 'Checkout notes', format: 'text', content: 'Keep the checkout to three steps.' },
      });
      expect(reply.status).toBe(202);
      return reply.body?.id as string;
    };

    const published = newTrace();
    const publishedId = await upload(published);
    expect(accepted(publishedId).map((event) => event.traceparent)).toEqual([expect.stringMatching(published.pattern)]);

    brokerStatus = 503;
    const refused = newTrace();
    const refusedId = await upload(refused);
    brokerStatus = 202;
    const documents = kit.db.collection<{ _id: string }>('knowledge_documents');
    expect(await documents.findOne({ _id: refusedId })).toMatchObject({
      publishedAt: null,
      traceparent: expect.stringMatching(refused.pattern),
    });
    expect(await createKnowledgeDocumentStore(kit.db).find(workspaceId, refusedId)).not.toHaveProperty('traceparent');

    // Past the outbox's grace (the request may still be publishing) and, for the published one, as
    // if its ingestion had stalled: the cron publishes both again, each under its upload's trace.
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await documents.updateOne({ _id: refusedId }, { $set: { createdAt: minutesAgo(3) } });
    await documents.updateOne({ _id: publishedId }, { $set: { createdAt: minutesAgo(15), publishedAt: minutesAgo(11) } });
    await fireCron(publishDocumentEvents, kit.env);

    expect(accepted(refusedId).map((event) => event.traceparent)).toEqual([expect.stringMatching(refused.pattern)]);
    expect(accepted(publishedId).map((event) => event.traceparent)).toEqual([
      expect.stringMatching(published.pattern),
      expect.stringMatching(published.pattern),
    ]);
  });

  it('should publish a security event recorded outside any request without a traceparent, and one recorded in a request with its', async () => {
    const store = createSecurityEventStore(kit.db);
    const trace = newTrace();
    const own = `00-${trace.traceId}-${randomBytes(8).toString('hex')}-01`;
    await runInRequestScope({ requestId: 'req-1', traceId: trace.traceId, traceparent: own, auth: () => undefined }, () =>
      store.record({ type: 'login_failed', at: new Date(), ip: '203.0.113.7', details: { reason: 'WRONG' } }),
    );
    await store.record({ type: 'login_failed', at: new Date(), ip: '203.0.113.8', details: { reason: 'WRONG' } });
    const [inRequest, outside] = await Promise.all(
      ['203.0.113.7', '203.0.113.8'].map((ip) => kit.db.collection('security_events').findOne({ ip })),
    );
    expect(inRequest?.traceparent).toBe(own);
    expect(outside).not.toHaveProperty('traceparent');

    await fireCron(publishSecurityEvents, kit.env);
    expect(accepted(String(inRequest?._id)).map((event) => event.traceparent)).toEqual([own]);
    expect(accepted(String(outside?._id)).map((event) => event.traceparent)).toEqual([undefined]);
  });

  it('should hand a security alert and a Stripe event the trace of their writer through the outbox reads only', async () => {
    const trace = newTrace();
    const inRequest = <T>(work: () => Promise<T>) =>
      runInRequestScope({ requestId: 'req-2', traceId: trace.traceId, traceparent: trace.header, auth: () => undefined }, work);
    const alerts = createSecurityAlertStore(kit.db);
    const at = new Date(Date.now() - 120_000);
    const alert = (slotKey: string) => ({
      id: newId('sal'),
      rule: 'failed-logins-ip',
      title: 'Failed sign-ins from one address',
      severity: 'medium' as const,
      subject: { kind: 'ip' as const, id: '192.0.2.9' },
      value: 3,
      threshold: 3,
      windowStart: at,
      windowEnd: at,
      slotKey,
      eventId: newId('sev'),
      incidentId: newId('sin'),
      raisedAt: at,
      publishedAt: null,
      mailedAt: null,
    });
    const traced = alert(`it-trace|${randomUUID()}`);
    await inRequest(() => alerts.raise(traced));
    const untraced = alert(`it-trace|${randomUUID()}`);
    await alerts.raise(untraced);
    const due = await alerts.undelivered(new Date(), 100);
    expect(due.find((a) => a.id === traced.id)?.traceparent).toBe(trace.header);
    expect(due.find((a) => a.id === untraced.id)).not.toHaveProperty('traceparent');
    expect(await alerts.findBySlot(traced.slotKey)).not.toHaveProperty('traceparent');

    const stripe = createStripeEventStore(kit.db);
    const event = (id: string) => ({
      id,
      type: 'invoice.paid',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: {} },
    });
    const [tracedId, untracedId] = [`evt_${randomUUID()}`, `evt_${randomUUID()}`];
    await inRequest(() => stripe.insert({ event: event(tracedId), receivedAt: new Date() }));
    await stripe.insert({ event: event(untracedId), receivedAt: new Date() });
    const unpublished = await stripe.unpublished(100);
    expect(unpublished.find((e) => e.id === tracedId)).toEqual({ ...event(tracedId), traceparent: trace.header });
    expect(unpublished.find((e) => e.id === untracedId)).toEqual(event(untracedId));
    expect(await stripe.find(tracedId)).toEqual(event(tracedId));
  });
});
