import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteFlow from '../../../functions/flows/delete.ts';
import publishFlowEvents from '../../../functions/flows/publish-events.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { eventCatalog } from '../../../shared/platform/events/catalog.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/** A real HTTP server standing in for the broker ingress (binary-mode CloudEvents). */
let broker: Server;
let brokerUrl: string;
const received: { type: string; subject: string; id: string; data: Record<string, unknown> }[] = [];
let kit: FlowKit;

const runPublisher = (url: string) =>
  fireCron(named(publishFlowEvents, 'functions/flows/publish-events.ts'), { ...kit.env, BROKER_URL: url });

beforeAll(async () => {
  kit = await startFlowKit('it_flows_events');
  broker = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const header = (name: string) => String(req.headers[name] ?? '');
      received.push({
        type: header('ce-type'),
        subject: header('ce-subject'),
        id: header('ce-id'),
        data: JSON.parse(body) as Record<string, unknown>,
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
  await new Promise((resolve) => broker.close(resolve));
});

describe('flow events from the versions outbox', () => {
  it('should keep versions unpublished while the broker is down, then publish created, updated and deleted once each', async () => {
    const { workspaceId, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, editor);
    expect((await kit.apply(flowId, editor, [addScreen('one'), addScreen('two', 600)], '"v1"')).status).toBe(200);
    expect((await kit.call(deleteFlow, `/v1/flows/${flowId}`, editor, { method: 'DELETE' })).status).toBe(204);

    await expect(runPublisher('http://127.0.0.1:9/')).rejects.toMatchObject({ code: 'BROKER_UNREACHABLE' });
    expect(await kit.db.collection('flow_versions').countDocuments({ flowId, published: false })).toBe(3);

    await runPublisher(brokerUrl);
    const mine = received.filter((event) => event.subject === flowId);
    expect(mine.map((event) => [event.type, event.data.versionNumber])).toEqual([
      ['com.uxflow.flow.created.v1', 1],
      ['com.uxflow.flow.updated.v1', 2],
      ['com.uxflow.flow.deleted.v1', 3],
    ]);
    expect(mine[1]).toMatchObject({
      id: `${flowId}:2`,
      data: { workspaceId, actorId: editor.id, operations: { count: 2, byType: { ADD_NODE: 2 } } },
    });
    for (const event of mine) expect(eventCatalog[event.type as keyof typeof eventCatalog].safeParse(event.data).success).toBe(true);
    expect(await kit.db.collection('flow_versions').countDocuments({ flowId, published: false })).toBe(0);

    await runPublisher(brokerUrl);
    expect(received.filter((event) => event.subject === flowId)).toHaveLength(3);
  });
});
