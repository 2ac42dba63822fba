import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ingestDocumentFunction from '../../../functions/knowledge/ingest-document.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import { startLocalBroker } from '../../../scripts/dev/broker/server.ts';
import { readDeliverySpec, readTriggers } from '../../../scripts/dev/broker/triggers.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { tracingAddresses } from '../../../scripts/services/tracing.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { registerKnativeFunction } from '../../../shared/platform/hosts/knative.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { redSeries } from '../../../shared/platform/telemetry/metric-names.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWorkspaceKit, type WorkspaceKit } from '../../support/workspace-kit.ts';

/**
 * One trace across two functions and the broker, read back from the local collector (Jaeger):
 * the upload request (in-process Hono app) stores a document and publishes its event to the local
 * broker (this file's port), which delivers it to the ingest function served by the Knative host.
 */
const brokerPort = 8788;
const ingestName = 'knowledge-ingest-document';
const prefix = `it-tracing-${randomUUID().slice(0, 8)}`;
let kit: WorkspaceKit;
let runtime: Runtime;
let broker: Server;
let ingestServer: Server;

interface JaegerSpan {
  spanID: string;
  operationName: string;
  references: { refType: string; spanID: string }[];
  tags: { key: string; value: unknown }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tag = (span: JaegerSpan, key: string) => span.tags.find((candidate) => candidate.key === key)?.value;
const parentOf = (span: JaegerSpan) => span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID;

const readTrace = async (traceId: string): Promise<JaegerSpan[]> => {
  const response = await fetch(`${tracingAddresses.query}/api/traces/${traceId}`);
  if (response.status !== 200) return [];
  const body = (await response.json()) as { data?: { spans: JaegerSpan[] }[] };
  return body.data?.[0]?.spans ?? [];
};

beforeAll(async () => {
  await ensureServices({ only: ['tracing'] });
  kit = await startWorkspaceKit('it_tracing', {
    services: ['chroma', 'embeddings'],
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: tracingAddresses.otlpHttp,
      BROKER_URL: `http://127.0.0.1:${brokerPort}`,
      KNOWLEDGE_COLLECTION_PREFIX: prefix,
    },
  });
  runtime = createRuntime({ name: 'it-tracing', uses: [knowledgePorts] }, kit.env);
  registerKnativeFunction({ ...ingestDocumentFunction, name: ingestName } as never, ingestName, kit.env);
  ingestServer = getTestServer(ingestName);
  await new Promise<void>((resolve) => ingestServer.listen(0, '127.0.0.1', resolve));
  const ingestUrl = `http://127.0.0.1:${(ingestServer.address() as AddressInfo).port}/`;
  broker = await startLocalBroker({
    port: brokerPort,
    triggers: await readTriggers(fromRoot('knative/base/eventing/triggers')),
    delivery: await readDeliverySpec(fromRoot('knative/base/eventing/broker.yaml')),
    subscriberUrl: (name) => (name === ingestName ? ingestUrl : 'http://127.0.0.1:9/'),
    deadLetterFile: join(tmpdir(), `it-tracing-dead-letters-${process.pid}.jsonl`),
    log: () => {},
  });
}, servicesHookTimeoutMs);

afterAll(async () => {
  broker?.close();
  ingestServer?.close();
  const client = await runtime?.use(chroma).client();
  for (const collection of (await client?.listCollections()) ?? []) {
    if (collection.name.startsWith(prefix)) await client.deleteCollection({ name: collection.name });
  }
  await runtime?.close();
  await kit?.close();
}, 60_000);

describe('tracing across a request, the broker and an event function', () => {
  it('should hold one trace from the upload request through its publish to the ingest function and its MongoDB, Redis and Chroma calls', async () => {
    const { alice } = await kit.users('alice');
    const workspaceId = await kit.workspace({ owner: [alice] });
    await createLedger(runtime.use(ledgerPorts)).grantPlanCredits(workspaceId, 20, `grant:${workspaceId}`, 'test', null);
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');

    const uploaded = await kit.call(uploadDocument, `/v1/workspaces/${workspaceId}/knowledge/documents`, alice, {
      method: 'POST',
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
      body: { title: 'Checkout notes', format: 'text', content: 'Keep the checkout to three steps and show the total on each.' },
    });
    expect(uploaded.status).toBe(202);
    expect(uploaded.headers.get('traceresponse')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const documents = kit.db.collection<{ _id: string; status: string }>('knowledge_documents');
    for (let i = 0; i < 120 && (await documents.findOne({ _id: uploaded.body?.id as string }))?.status !== 'ready'; i += 1)
      await sleep(250);
    expect((await documents.findOne({ _id: uploaded.body?.id as string }))?.status).toBe('ready');

    let spans: JaegerSpan[] = [];
    const consumerName = 'com.uxflow.knowledge.document.uploaded.v1';
    for (let i = 0; i < 40; i += 1) {
      await runtime.telemetry.flush();
      spans = await readTrace(traceId);
      if (spans.some((span) => span.operationName === consumerName) && spans.some((span) => tag(span, 'server.port') === 8000)) break;
      await sleep(500);
    }
    const byId = new Map(spans.map((span) => [span.spanID, span]));
    const named = (name: string) => spans.find((span) => span.operationName === name)!;
    const descendsFrom = (span: JaegerSpan, ancestor: JaegerSpan): boolean => {
      for (let id = parentOf(span); id !== undefined; id = byId.get(id) && parentOf(byId.get(id)!)) if (id === ancestor.spanID) return true;
      return false;
    };

    const request = named('POST /v1/workspaces/{workspaceId}/knowledge/documents');
    expect(parentOf(request)).toBe(callerSpan);
    expect(tag(request, 'uxflow.workspace_id')).toBe(workspaceId);
    expect(tag(request, 'http.response.status_code')).toBe(202);
    expect(tag(request, 'uxflow.team')).toBe('knowledge');
    const publish = named(`publish ${consumerName}`);
    expect(descendsFrom(publish, request)).toBe(true);
    const consumer = named(consumerName);
    expect(parentOf(consumer)).toBe(publish.spanID);
    expect(tag(consumer, 'faas.name')).toBe(ingestName);

    const childrenOf = (root: JaegerSpan) => spans.filter((span) => descendsFrom(span, root));
    expect(childrenOf(request).some((span) => tag(span, 'db.system.name') === 'mongodb')).toBe(true);
    expect(childrenOf(request).some((span) => tag(span, 'server.port') === 8079)).toBe(true);
    expect(childrenOf(consumer).some((span) => tag(span, 'db.system.name') === 'mongodb')).toBe(true);
    expect(childrenOf(consumer).some((span) => tag(span, 'server.port') === 8000)).toBe(true);
  }, 120_000);

  it('should export the RED metrics under the series names the dashboard and rules query', async () => {
    await runtime.telemetry.flush();
    const exposition = await (await fetch(tracingAddresses.prometheus)).text();
    for (const series of redSeries()) {
      expect(exposition).toMatch(new RegExp(`^${series}\\{[^}]*function="${ingestName}"`, 'm'));
    }
  });
});
