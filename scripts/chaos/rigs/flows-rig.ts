import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import getBilling from '../../../functions/billing/get.ts';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import createFlow from '../../../functions/flows/create.ts';
import getFlow from '../../../functions/flows/get.ts';
import listFlows from '../../../functions/flows/list.ts';
import publishFlowEvents from '../../../functions/flows/publish-events.ts';
import { createLedger, withCredits } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { dispatchEvent } from '../../../shared/platform/events/dispatch.ts';
import { cronJobExtension, pingEventType } from '../../../shared/platform/events/catalog.ts';
import { problemResponse, toProblem } from '../../../shared/platform/http/problem.ts';
import { reconcileLedger } from '../../billing-reconcile.ts';
import type { LoadAction, Phase } from '../load.ts';
import { pick, startRigBase } from './rig-base.ts';
import { flowHeadCollection } from '../../../shared/infra/mongodb/flow-head-store.ts';
import { flowVersionCollection } from '../../../shared/infra/mongodb/flow-version-store.ts';

export type RigChecks = {
  /** Each finding is a write left half-done: a gap in a flow's versions, a head behind them, a ledger problem, an event never published. */
  partialWrites: string[];
  /** Events published more than once under the same id (consumers dedupe on the id). */
  redelivered: number;
  published: number;
};

const publisherName = 'flows-publish-events';

/**
 * Flows over real functions, in-process, on a database of their own: reads (get, list, billing),
 * writes (operations with If-Match, new flows), credit spends through `withCredits` when `ledger`,
 * and the flow outbox drained by its cron into a broker stand-in that records event ids.
 */
export const startFlowsRig = async (name: string, env: Record<string, string>, options: { ledger?: boolean } = {}) => {
  const base = await startRigBase(name, env);
  const { kit, owner, workspaceId, send } = base;
  const received: string[] = [];
  const broker: Server = createServer((req, res) => {
    received.push(String(req.headers['ce-id']));
    req.resume().on('end', () => res.writeHead(202).end());
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  const brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
  const apps = {
    create: base.appOf(createFlow, 'flows-create'),
    get: base.appOf(getFlow, 'flows-get'),
    list: base.appOf(listFlows, 'flows-list'),
    apply: base.appOf(applyOperations, 'flows-apply-operations'),
    billing: base.appOf(getBilling, 'billing-get'),
  };
  const publisher = named(publishFlowEvents, 'functions/flows/publish-events.ts');
  const cronRuntime = base.runtimeOf(publisher, publisherName, { BROKER_URL: brokerUrl });
  const ledgerRuntime = base.runtimeOf({ uses: [ledgerPorts] }, 'chaos-ledger');
  const ledger = createLedger(ledgerRuntime.use(ledgerPorts));

  if (options.ledger) await ledger.grantPlanCredits(workspaceId, 1_000_000, `grant:${workspaceId}`, 'chaos', null);

  /** The version each flow was last seen at (from ETags); a 412 sends the next action to read it. */
  const known = new Map<string, number>();
  const stale = new Set<string>();
  const noteVersion = (flowId: string, response: Response) => {
    const match = /^"v(\d+)"$/.exec(response.headers.get('etag') ?? '');
    if (match) known.set(flowId, Math.max(known.get(flowId) ?? 0, Number(match[1])));
    stale.delete(flowId);
    return response;
  };
  const newFlow = async () => {
    const response = await send(apps.create, `/v1/workspaces/${workspaceId}/flows`, { method: 'POST', body: { name: 'Chaos' } });
    if (response.status === 201) {
      const { id } = (await response.clone().json()) as { id: string };
      noteVersion(id, response);
      if (!known.has(id)) known.set(id, 1);
    }
    return response;
  };
  for (let i = 0; i < 4; i += 1) {
    const response = await newFlow();
    if (response.status !== 201) throw new Error(`seeding a flow answered ${response.status}: ${await response.text()}`);
  }
  const flows = () => [...known.keys()];

  const read = (flowId: string): LoadAction => ({
    name: 'flows-get',
    kind: 'read',
    send: async () => noteVersion(flowId, await send(apps.get, `/v1/flows/${flowId}`)),
  });
  const write = (flowId: string): LoadAction => ({
    name: 'flows-apply-operations',
    kind: 'write',
    send: async () => {
      const id = `n${randomUUID().slice(0, 8)}`;
      const node = { id, type: 'screen', title: `Screen ${id}`, position: { x: 300, y: 400 } };
      const response = await send(apps.apply, `/v1/flows/${flowId}/operations`, {
        method: 'POST',
        headers: { 'if-match': `"v${known.get(flowId) ?? 1}"` },
        body: { operations: [{ type: 'ADD_NODE', node }] },
      });
      if (response.status === 412) stale.add(flowId);
      return response.status === 200 ? noteVersion(flowId, response) : response;
    },
  });
  const spend: LoadAction = {
    name: 'credits-withCredits',
    kind: 'write',
    send: async () => {
      const request = {
        workspaceId,
        operation: 'ai.chat',
        idempotencyKey: randomUUID(),
        actor: owner.id,
        plan: 'pro',
        upgradeUrl: 'https://app.uxflow.test',
      } as const;
      try {
        await withCredits(ledger, request, { run: async () => 'done', replay: async () => 'done' });
        return new Response('{}', { status: 200 });
      } catch (error) {
        // The pipeline's own mapping: what an HTTP function spending credits would answer.
        return problemResponse(toProblem(error).problem);
      }
    },
  };
  const list = (): LoadAction => ({ name: 'flows-list', kind: 'read', send: () => send(apps.list, `/v1/workspaces/${workspaceId}/flows`) });
  const billing = (): LoadAction => ({
    name: 'billing-get',
    kind: 'read',
    send: () => send(apps.billing, `/v1/workspaces/${workspaceId}/billing`),
  });
  const nextAction = (phase: Phase): LoadAction => {
    const staleFlow = stale.values().next();
    if (!staleFlow.done) return read(staleFlow.value);
    const roll = Math.random();
    // billing-get's instance gets its first request during the fault: a cold start while the dependency is gone.
    if (roll < 0.4) return pick([() => read(pick(flows())), list, ...(phase === 'before' ? [] : [billing])])();
    if (roll < 0.8) return write(pick(flows()));
    if (roll < 0.85) return { name: 'flows-create', kind: 'write', send: newFlow };
    return options.ledger ? spend : write(pick(flows()));
  };

  /** One tick of the outbox cron, as its PingSource sends it; false when it failed (the broker would retry). */
  const drainOnce = () =>
    dispatchEvent(publisher, cronRuntime, {
      id: randomUUID(),
      type: pingEventType,
      source: '/chaos',
      time: new Date().toISOString(),
      [cronJobExtension]: publisherName,
    }).then(
      () => true,
      () => false,
    );

  const check = async (): Promise<RigChecks> => {
    const partialWrites: string[] = [];
    // Drain the outbox as its cron would, run after run (a run publishes at most a batch), until it is
    // empty; a run that fails is retried a few times a second apart, as the broker would.
    const pending = () => flowVersionCollection.in(kit.db).countDocuments({ workspaceId, published: false });
    for (let runs = 0, failures = 0; runs < 100 && failures < 5 && (await pending()) > 0; runs += 1)
      if (!(await drainOnce())) {
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    const versions = await flowVersionCollection.in(kit.db).find({ workspaceId }).project({ flowId: 1, versionNumber: 1 }).toArray();
    const byFlow = new Map<string, number[]>();
    for (const v of versions) byFlow.set(v.flowId as string, [...(byFlow.get(v.flowId as string) ?? []), v.versionNumber as number]);
    const heads = await flowHeadCollection.in(kit.db).find({ workspaceId }).toArray();
    for (const head of heads) {
      const numbers = (byFlow.get(String(head._id)) ?? []).sort((a, b) => a - b);
      if (numbers.some((n, i) => n !== i + 1))
        partialWrites.push(`flow ${String(head._id)}: versions ${numbers.join(',')} are not contiguous`);
      if (head.versionNumber !== numbers.at(-1))
        partialWrites.push(`flow ${String(head._id)}: head at v${String(head.versionNumber)}, versions end at v${numbers.at(-1)}`);
    }
    for (const flowId of byFlow.keys())
      if (!heads.some((h) => String(h._id) === flowId)) partialWrites.push(`flow ${flowId}: versions without a head`);
    const ids = new Set(received);
    for (const v of versions)
      if (!ids.has(`${v.flowId}:${v.versionNumber}`)) partialWrites.push(`event ${v.flowId}:${v.versionNumber} never published`);
    if (options.ledger)
      for (const problem of (await reconcileLedger(kit.db)).problems) partialWrites.push(`ledger seq ${problem.seq}: ${problem.problem}`);
    return { partialWrites, redelivered: received.length - ids.size, published: ids.size };
  };

  const close = async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    broker.closeAllConnections();
    await base.close();
  };
  return { nextAction, probes: () => [read(flows()[0]!), write(flows()[0]!), list(), billing()], drainOnce, check, close };
};
