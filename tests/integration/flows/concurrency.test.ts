import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import listVersions from '../../../functions/flows/list-versions.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/** Writers race through several instances of the function, each with its own clients, as on Knative. */
const instanceCount = 4;
const writers = 20;
let kit: FlowKit;
const runtimes: Runtime[] = [];
let instances: ReturnType<typeof createHttpApp>[];

beforeAll(async () => {
  kit = await startFlowKit('it_flows_concurrency');
  instances = Array.from({ length: instanceCount }, () => {
    const runtime = createRuntime(named(applyOperations, 'functions/flows/apply-operations.ts'), kit.env);
    runtimes.push(runtime);
    return createHttpApp(applyOperations, runtime);
  });
}, servicesHookTimeoutMs);
afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.close()));
  await kit.close();
});

const race = (flowId: string, token: string, ifMatch: string, round: number) =>
  Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const app = instances[writer % instanceCount]!;
      const response = await app.request(`/v1/flows/${flowId}/operations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'if-match': ifMatch,
          'x-forwarded-for': kit.address,
        },
        body: JSON.stringify({ operations: [addScreen(`r${round}_w${writer}`, 400 + round * 100)] }),
      });
      return {
        writer,
        status: response.status,
        body: (await response.json()) as { code?: string; currentVersion?: number; version?: number },
      };
    }),
  );

describe('concurrent writers with the same If-Match', () => {
  it('should let exactly one of 20 win each round, answer 412 to the rest, lose no update and keep version numbers contiguous', async () => {
    const { workspaceId, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, editor);
    const winners: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const answers = await race(flowId, editor.token, `"v${round}"`, round);
      const won = answers.filter((answer) => answer.status === 200);
      const lost = answers.filter((answer) => answer.status === 412);
      expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: writers - 1 });
      expect(won[0]?.body.version).toBe(round + 1);
      for (const answer of lost) expect(answer.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: round + 1 });
      winners.push(`r${round}_w${won[0]!.writer}`);
    }
    const read = await kit.read(flowId, editor);
    expect(read.headers.get('etag')).toBe('"v4"');
    const nodeIds = ((read.body?.document as { nodes: { id: string }[] }).nodes ?? []).map((node) => node.id);
    // Every winner's node is there (no lost update) and no loser's node is.
    expect(nodeIds.filter((id) => id.startsWith('r'))).toEqual(winners);
    const versions = await kit.call(listVersions, `/v1/flows/${flowId}/versions`, editor);
    expect((versions.body?.items as { version: number }[]).map((item) => item.version)).toEqual([4, 3, 2, 1]);
    expect(await kit.db.collection('flow_versions').countDocuments({ flowId })).toBe(4);
  });
});
