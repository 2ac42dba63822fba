import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import diffVersions from '../../functions/flows/diff-versions.ts';
import importFlow from '../../functions/flows/import.ts';
import listFlows from '../../functions/flows/list.ts';
import listTemplates from '../../functions/flows/list-templates.ts';
import listWorkspaceTemplates from '../../functions/flows/list-workspace-templates.ts';
import listVersions from '../../functions/flows/list-versions.ts';
import validateFlow from '../../functions/flows/validate.ts';
import { servicesHookTimeoutMs } from '../support/required-env.ts';
import { addScreen, startFlowKit, type FlowKit } from '../support/flow-kit.ts';
import type { Reply } from '../support/workspace-kit.ts';
import { specViolations } from './openapi-spec.ts';
import { legacyDocument, legacyFixtures } from '../unit/flows/legacy-fixtures.ts';

let kit: FlowKit;
beforeAll(async () => {
  kit = await startFlowKit('contract_flows');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const conforms = (method: string, path: string, reply: Reply) =>
  specViolations(method, path, { status: reply.status, contentType: reply.headers.get('content-type') ?? '', body: reply.body });

describe('flow responses against openapi.yaml', () => {
  it('should match the documented bodies of the main flow calls, successes and problems alike', async () => {
    const { workspaceId, editor } = await kit.team();
    const created = await kit.createIn(workspaceId, editor, { name: 'Contract', templateId: 'builtin-checkout' });
    const flowId = created.body?.id as string;
    const checks: [string, string, Reply][] = [
      ['POST', '/v1/workspaces/{workspaceId}/flows', created],
      ['GET', '/v1/flows/{flowId}', await kit.read(flowId, editor)],
      ['POST', '/v1/flows/{flowId}/operations', await kit.apply(flowId, editor, [addScreen('contract_screen')], '"v1"')],
      ['POST', '/v1/flows/{flowId}/operations', await kit.apply(flowId, editor, [addScreen('late')], '"v1"')],
      ['POST', '/v1/flows/{flowId}/operations', await kit.apply(flowId, editor, [{ type: 'DELETE_NODE', id: 'missing' }], '"v2"')],
      ['POST', '/v1/flows/{flowId}/operations', await kit.apply(flowId, editor, [addScreen('x')])],
      ['GET', '/v1/workspaces/{workspaceId}/flows', await kit.call(listFlows, `/v1/workspaces/${workspaceId}/flows`, editor)],
      ['GET', '/v1/flows/{flowId}/versions', await kit.call(listVersions, `/v1/flows/${flowId}/versions`, editor)],
      ['GET', '/v1/flows/{flowId}/diff', await kit.call(diffVersions, `/v1/flows/${flowId}/diff?from=1&to=2`, editor)],
      ['GET', '/v1/templates', await kit.call(listTemplates, '/v1/templates', editor)],
      ['GET', '/v1/templates', await kit.call(listTemplates, `/v1/templates?workspaceId=${workspaceId}`, editor)],
      [
        'GET',
        '/v1/workspaces/{workspaceId}/templates',
        await kit.call(listWorkspaceTemplates, `/v1/workspaces/${workspaceId}/templates?limit=5`, editor),
      ],
      [
        'POST',
        '/v1/flows/validate',
        await kit.call(validateFlow, '/v1/flows/validate', editor, { method: 'POST', body: { metadata: {}, nodes: [] } }),
      ],
      [
        'POST',
        '/v1/workspaces/{workspaceId}/flows/import',
        await kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, editor, {
          method: 'POST',
          body: {
            metadata: { schemaVersion: '1.2', flowName: 'Legacy', version: 3 },
            nodes: [
              { id: 'start', type: 'Start', title: 'Start', position: { x: 0, y: 0 } },
              { id: 'end', type: 'End', title: 'Done', position: { x: 0, y: 200 } },
            ],
            edges: [{ id: 'e1', source: 'start', target: 'end', trigger: 'onload' }],
          },
        }),
      ],
      [
        'POST',
        '/v1/workspaces/{workspaceId}/flows/import',
        await kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, editor, {
          method: 'POST',
          body: legacyDocument(legacyFixtures.webCheckout),
        }),
      ],
      [
        'POST',
        '/v1/workspaces/{workspaceId}/flows/import',
        await kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, editor, {
          method: 'POST',
          body: { metadata: { flowName: 'No types' }, nodes: [{ id: 'a' }], edges: [] },
        }),
      ],
      [
        'POST',
        '/v1/workspaces/{workspaceId}/flows',
        await kit.createIn(workspaceId, editor, {
          name: 'From a document',
          document: { metadata: { schemaVersion: '2.0', flowName: 'x' }, nodes: [], edges: [] },
        }),
      ],
    ];
    expect(checks.map(([, , reply]) => reply.status)).toEqual([
      201, 200, 200, 412, 422, 428, 200, 200, 200, 200, 400, 200, 200, 201, 201, 400, 422,
    ]);
    for (const [method, path, reply] of checks)
      expect({ method, path, violations: conforms(method, path, reply) }).toEqual({ method, path, violations: [] });
  });
});
