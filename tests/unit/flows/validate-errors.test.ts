import { describe, expect, it } from 'vitest';
import { fixedFlowLimits, validateFlow, type FlowDocument } from '../../../shared/flows/index.ts';
import { limits, validFlow } from './fixtures.ts';

const rulesOf = (doc: unknown, nodesPerFlow = limits.nodesPerFlow, flowId?: string) =>
  validateFlow(doc, { nodesPerFlow }, flowId === undefined ? {} : { flowId }).errors.map((found) => found.rule);

const edit = (change: (doc: FlowDocument) => void): FlowDocument => {
  const doc = validFlow();
  change(doc);
  return doc;
};

const filler = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: `n${index}`, type: 'action' as const, title: 'Step', position: { x: index, y: 0 } }));

describe('validateFlow errors', () => {
  it('should report neither errors nor warnings when the document is the valid fixture', () => {
    expect(validateFlow(validFlow(), limits)).toEqual({ errors: [], warnings: [] });
  });

  it.each<[string, unknown]>([
    ['a wrong schemaVersion', edit((doc) => Object.assign(doc.metadata, { schemaVersion: '1.0' }))],
    ['an empty flowName', edit((doc) => (doc.metadata.flowName = ''))],
    ['a version that is not semver', edit((doc) => (doc.metadata.version = 'v1'))],
    ['more than 20 tags', edit((doc) => (doc.metadata.tags = Array.from({ length: 21 }, (_, i) => `t${i}`)))],
    ['an unknown node type', edit((doc) => doc.nodes.push({ ...doc.nodes[0]!, id: 'x', type: 'banner' as 'start' }))],
    ['a node narrower than 50', edit((doc) => (doc.nodes[1]!.size = { width: 49, height: 100 }))],
    ['a node taller than 300', edit((doc) => (doc.nodes[1]!.size = { width: 100, height: 301 }))],
    ['a title over 100 characters', edit((doc) => (doc.nodes[0]!.title = 'x'.repeat(101)))],
    ['a decision without its condition', edit((doc) => Object.assign(doc.nodes[3]!, { data: {} }))],
    ['an api-call with an unknown method', edit((doc) => Object.assign(doc.nodes[2]!, { data: { method: 'FETCH', url: '/x' } }))],
    ['an unknown trigger', edit((doc) => (doc.edges[0]!.trigger = 'onClick()' as 'onLoad'))],
    ['a document that is not an object', 'flow'],
  ])('should report SCHEMA_VIOLATION when the document has %s', (_, doc) => {
    expect(rulesOf(doc)).toContain('SCHEMA_VIOLATION');
  });

  it.each<[string, string, FlowDocument]>([
    ['DUPLICATE_ID', 'two nodes share an id', edit((doc) => doc.nodes.push({ ...doc.nodes[4]!, position: { x: 1, y: 1 } }))],
    ['DUPLICATE_ID', 'two edges share an id', edit((doc) => doc.edges.push({ ...doc.edges[3]! }))],
    ['EDGE_MISSING_NODE', 'an edge targets a missing node', edit((doc) => (doc.edges[3]!.target = 'ghost'))],
    ['NO_START_NODE', 'there is no start node', edit((doc) => (doc.nodes[0] = { ...doc.nodes[0]!, type: 'action' }))],
    [
      'CONDITION_HANDLE_UNKNOWN',
      'a condition edge names no condition of its node',
      edit((doc) => {
        doc.nodes.push({
          id: 'c',
          type: 'condition',
          title: 'Role',
          position: { x: 0, y: 0 },
          data: { conditions: [{ id: 'admin', label: 'Admin' }] },
        });
        doc.edges.push({ id: 'ec', source: 'c', target: 'end', sourceHandle: 'guest' });
      }),
    ],
    ['FRAME_MISSING_NODE', 'a frame names a missing node', edit((doc) => doc.frames[0]!.nodeIds.push('ghost'))],
    [
      'NODE_IN_MULTIPLE_FRAMES',
      'a node is in two frames',
      edit((doc) =>
        doc.frames.push({ id: 'frm_2', title: 'Two', position: { x: 0, y: 0 }, size: { width: 10, height: 10 }, nodeIds: ['login'] }),
      ),
    ],
    ['FRAME_MEMBERSHIP_MISMATCH', "a node's frameId disagrees with the frames", edit((doc) => delete doc.nodes[1]!.frameId)],
    ['UNKNOWN_PERSONA', 'a node names a missing persona', edit((doc) => (doc.nodes[1]!.personaIds = ['per_ghost']))],
    [
      'TOO_MANY_EDGES',
      'there are more than twice as many edges as nodes',
      edit((doc) => {
        for (let i = 0; i < 6; i++) doc.edges.push({ id: `extra${i}`, source: 'start', target: 'end' });
      }),
    ],
    ['NODE_TOO_LARGE', 'a node exceeds 10 KB', edit((doc) => (doc.nodes[4]!.style = { note: 'é'.repeat(1000) + 'x'.repeat(8_500) }))],
    [
      'DOCUMENT_TOO_LARGE',
      'the document exceeds 5 MB',
      edit((doc) => {
        for (const node of filler(600)) doc.nodes.push({ ...node, description: 'x'.repeat(2000), style: { note: 'y'.repeat(7000) } });
      }),
    ],
    [
      'FRAME_TOO_LARGE',
      'a frame holds more than 500 nodes',
      edit((doc) => doc.frames[0]!.nodeIds.push(...filler(fixedFlowLimits.nodesPerFrame).map((n) => n.id))),
    ],
  ])('should report %s when %s', (rule, _, doc) => {
    expect(rulesOf(doc)).toContain(rule);
  });

  it('should report TOO_MANY_NODES when the plan allows fewer nodes', () => {
    expect(rulesOf(validFlow(), 4)).toEqual(['TOO_MANY_NODES']);
    expect(rulesOf(validFlow(), 5)).toEqual([]);
  });

  it('should report SUBFLOW_SELF_REFERENCE when a subflow embeds the flow being validated', () => {
    const doc = edit((d) =>
      d.nodes.push({ id: 'sub', type: 'subflow', title: 'Again', position: { x: 0, y: 0 }, data: { flowId: 'flw_1' } }),
    );
    expect(rulesOf(doc, 1_000, 'flw_1')).toEqual(['SUBFLOW_SELF_REFERENCE']);
    expect(rulesOf(doc, 1_000, 'flw_2')).toEqual([]);
  });

  it('should give the path and ids when an edge targets a missing node', () => {
    const [found] = validateFlow(
      edit((doc) => (doc.edges[3]!.target = 'ghost')),
      limits,
    ).errors;
    expect(found).toMatchObject({ rule: 'EDGE_MISSING_NODE', path: ['edges', 3, 'target'], ids: ['e4', 'ghost'] });
  });
});
