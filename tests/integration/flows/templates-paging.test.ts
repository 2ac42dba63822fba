import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createTemplate from '../../../functions/flows/create-template.ts';
import listWorkspaceTemplates from '../../../functions/flows/list-workspace-templates.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/** `GET /v1/workspaces/{workspaceId}/templates` pages a workspace's templates and reads their summaries, never their documents. */
let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_templates_paging');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

interface Page {
  items: { id: string; builtIn: boolean; nodeCount: number }[];
  nextCursor: string | null;
}

const page = async (as: TestUser, workspaceId: string, query: string) => {
  const reply = await kit.call(listWorkspaceTemplates, `/v1/workspaces/${workspaceId}/templates?${query}`, as);
  return { reply, body: reply.body as unknown as Page };
};

/** A team with `count` templates saved one after another from one flow; their ids, newest first. */
const teamWithTemplates = async (count: number) => {
  const team = await kit.team();
  const flowId = await kit.newFlow(team.workspaceId, team.owner, { name: 'Login', templateId: 'builtin-login' });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const saved = await kit.call(createTemplate, `/v1/workspaces/${team.workspaceId}/templates`, team.owner, {
      method: 'POST',
      body: { flowId, name: `Template ${i}`, description: '' },
    });
    ids.unshift(saved.body?.id as string);
  }
  return { ...team, ids };
};

describe('GET /v1/workspaces/{workspaceId}/templates, paged', () => {
  it('should give the workspace’s templates newest first, a page at a time, and no built-in', async () => {
    const { workspaceId, viewer, ids } = await teamWithTemplates(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next = await page(viewer, workspaceId, cursor === null ? 'limit=2' : `limit=2&cursor=${cursor}`);
      expect(next.reply.status).toBe(200);
      expect(next.body.items.length).toBeLessThanOrEqual(2);
      expect(next.body.items.some((item) => item.builtIn)).toBe(false);
      seen.push(...next.body.items.map((item) => item.id));
      cursor = next.body.nextCursor;
      pages++;
    } while (cursor !== null);
    expect({ seen, pages }).toEqual({ seen: ids, pages: 3 });
  });

  it('should list a stored template whose document no longer passes the schema and whose node count was never stored', async () => {
    const { workspaceId, viewer, ids } = await teamWithTemplates(1);
    // Saved before a rule tightened (here: a javascript: link, refused since): listing must not read the document.
    const stored = await kit.db.collection('flow_templates').findOne({ _id: ids[0] as never });
    const document = JSON.parse(stored?.documentJson as string) as { nodes: { uiMetadata?: unknown }[] };
    document.nodes[0]!.uiMetadata = { figmaLink: 'javascript:alert(1)' };
    // …and before the node count was stored with it.
    await kit.db
      .collection('flow_templates')
      .updateOne({ _id: ids[0] as never }, { $set: { documentJson: JSON.stringify(document) }, $unset: { nodeCount: '' } });
    const listed = await page(viewer, workspaceId, 'limit=10');
    expect(listed.reply.status).toBe(200);
    expect(listed.body.items.find((item) => item.id === ids[0])).toMatchObject({ nodeCount: document.nodes.length });
  });

  it.each(['garbage', 'eyJ4IjoxfQ', '%00'])('should answer 400 INVALID_CURSOR or VALIDATION_FAILED to the cursor %j', async (cursor) => {
    const { workspaceId, viewer } = await teamWithTemplates(0);
    const { reply } = await page(viewer, workspaceId, `cursor=${cursor}`);
    expect(reply.status).toBe(400);
    expect(['INVALID_CURSOR', 'VALIDATION_FAILED']).toContain(reply.body?.code);
  });

  it('should answer 400 VALIDATION_FAILED to a limit over 100', async () => {
    const { workspaceId, viewer } = await teamWithTemplates(0);
    expect(outcome((await page(viewer, workspaceId, 'limit=101')).reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
