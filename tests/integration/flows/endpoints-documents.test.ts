import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import importFlow from '../../../functions/flows/import.ts';
import validateFlow from '../../../functions/flows/validate.ts';
import { migrateDocument, type MigrationChange } from '../../../shared/flows/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { documentOf, rulesIn, storedCounts, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';
import { legacyDocument, legacyFixtures, type LegacyFixture } from '../../unit/flows/legacy-fixtures.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_documents');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const upload = (workspaceId: string, as: TestUser, body: unknown) =>
  kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, as, { method: 'POST', body });
const validate = (body: unknown, as: TestUser) => kit.call(validateFlow, '/v1/flows/validate', as, { method: 'POST', body });

/** A hand-written 2.0 document: no frames, version, tags or personas. */
const minimal = (withStart = true) => ({
  metadata: { schemaVersion: '2.0', flowName: 'Sketch' },
  nodes: [
    ...(withStart ? [{ id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } }] : []),
    { id: 'end', type: 'end', title: 'Done', position: { x: 0, y: 200 } },
  ],
  edges: withStart ? [{ id: 'e1', source: 'start', target: 'end', trigger: 'onLoad' }] : [],
});
const kindsOf = (changes: unknown) => [...new Set((changes as MigrationChange[]).map((change) => change.kind))];
const issuesIn = (reply: { body?: Record<string, unknown> | null }, key: 'errors' | 'issues') =>
  (reply.body?.[key] as { rule?: string; path: unknown; ids: string[] }[]).map(({ rule, path, ids }) => ({ rule, path, ids }));

describe('importing documents of the earlier product', () => {
  it.each([
    [legacyFixtures.backendLogin, '1.x', ['DEAD_END']],
    [legacyFixtures.templateOnboarding, '1.x', []],
    [legacyFixtures.templateEcommerce, '1.x', ['NO_END_NODE', 'DEAD_END', 'SELF_LOOP']],
    [legacyFixtures.webCheckout, 'web-2.x', ['SUBFLOW_MISSING']],
  ] as [LegacyFixture, string, string[]][])('should store %s as 2.0 and report every change', async (name, from, warnings) => {
    const { workspaceId, editor } = await kit.team();
    const reply = await upload(workspaceId, editor, legacyDocument(name));
    expect(reply.status).toBe(201);
    expect(reply.body?.migration).toMatchObject({ from });
    expect(kindsOf((reply.body?.migration as { changes: unknown }).changes)).toContain('SCHEMA_VERSION_SET');
    expect(rulesIn(reply, 'warnings')).toEqual(warnings);
    const stored = documentOf(await kit.read(reply.body?.id as string, editor));
    const { document, migration } = migrateDocument(legacyDocument(name), from as '1.x');
    expect(stored).toEqual(document);
    expect(reply.body?.migration).toEqual(migration);
  });

  it('should refuse a 1.x document the earlier backend refused, naming every problem, and store nothing', async () => {
    const { workspaceId, owner } = await kit.team();
    const source = legacyDocument(legacyFixtures.backendLogin);
    delete (source.nodes[2]!.data as Record<string, unknown>).url;
    delete (source.nodes[3]!.data as Record<string, unknown>).condition;
    const before = await storedCounts(kit.db, workspaceId);
    const reply = await upload(workspaceId, owner, source);
    expect(outcome(reply)).toEqual({ status: 400, code: 'FLOW_IMPORT_INVALID' });
    expect(issuesIn(reply, 'issues')).toEqual([
      { rule: undefined, path: 'nodes.2.data.url', ids: ['auth_api'] },
      { rule: undefined, path: 'nodes.3.data.condition', ids: ['auth_check'] },
    ]);
    expect(await storedCounts(kit.db, workspaceId)).toEqual(before);
  });

  it('should complete a 2.0 document without frames or version, and say what it added', async () => {
    const { workspaceId, owner } = await kit.team();
    const reply = await upload(workspaceId, owner, minimal());
    expect(reply.status).toBe(201);
    expect(reply.body?.migration).toEqual({
      from: '2.0',
      changes: ['metadata.version', 'metadata.tags', 'metadata.personas', 'frames'].map((path) => ({
        kind: 'DEFAULT_ADDED',
        path,
        message: 'absent; the default was added',
        ids: [],
      })),
    });
    expect(documentOf(await kit.read(reply.body?.id as string, owner))).toMatchObject({ frames: [], metadata: { version: '1.0.0' } });
  });

  it('should name the real problem of a minimal 2.0 document: no start node, not its missing frames', async () => {
    const { workspaceId, owner } = await kit.team();
    const reply = await upload(workspaceId, owner, minimal(false));
    expect(outcome(reply)).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(rulesIn(reply, 'errors')).toEqual(['NO_START_NODE']);
  });
});

describe('validating a document with several problems', () => {
  it('should accept a document missing only optional collections and the version', async () => {
    const { owner } = await kit.team();
    expect((await validate(minimal(), owner)).body).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('should report schema and rule problems in one answer, each with its path and ids', async () => {
    const { owner } = await kit.team();
    const doc = minimal();
    doc.nodes[1]!.title = '';
    doc.edges.push({ id: 'e2', source: 'start', target: 'nowhere', trigger: 'onLoad' });
    const reply = await validate(doc, owner);
    expect(reply.status).toBe(200);
    expect(reply.body?.valid).toBe(false);
    expect(issuesIn(reply, 'errors')).toEqual([
      { rule: 'SCHEMA_VIOLATION', path: ['nodes', 1, 'title'], ids: ['end'] },
      { rule: 'EDGE_MISSING_NODE', path: ['edges', 1, 'target'], ids: ['e2', 'nowhere'] },
    ]);
  });
});

describe('creating a flow from a document', () => {
  it('should complete a document without frames or version and store it under the given name', async () => {
    const { workspaceId, editor } = await kit.team();
    const reply = await kit.createIn(workspaceId, editor, { name: 'From a sketch', document: minimal() });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'From a sketch', nodeCount: 2, warnings: [] });
    const stored = documentOf(await kit.read(reply.body?.id as string, editor));
    expect(stored).toMatchObject({ metadata: { flowName: 'From a sketch', version: '1.0.0' }, frames: [] });
  });

  it('should refuse a document with schema and rule problems, naming both, and store nothing', async () => {
    const { workspaceId, owner } = await kit.team();
    const doc = { ...minimal(false), edges: [{ id: 'e1', source: 'end', target: 'end', trigger: 'sometimes' }] };
    const reply = await kit.createIn(workspaceId, owner, { name: 'Broken', document: doc });
    expect(outcome(reply)).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(rulesIn(reply, 'errors')).toEqual(['SCHEMA_VIOLATION', 'NO_START_NODE']);
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
  });

  it('should answer 400 VALIDATION_FAILED to a template and a document together', async () => {
    const { workspaceId, owner } = await kit.team();
    const reply = await kit.createIn(workspaceId, owner, { name: 'Both', templateId: 'builtin-login', document: minimal() });
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
