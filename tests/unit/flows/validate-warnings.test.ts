import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDocument } from '../../../shared/flows/index.ts';
import { limits, validFlow } from './fixtures.ts';

const edit = (change: (doc: FlowDocument) => void): FlowDocument => {
  const doc = validFlow();
  change(doc);
  return doc;
};
const at = { x: 0, y: 0 };

describe('validateFlow warnings', () => {
  it.each<[string, string, FlowDocument, string[]]>([
    [
      'MULTIPLE_START_NODES',
      'there are two start nodes',
      edit((doc) => {
        doc.nodes.push({ id: 'start2', type: 'start', title: 'Deep link', position: at });
        doc.edges.push({ id: 'e6', source: 'start2', target: 'login' });
      }),
      ['start', 'start2'],
    ],
    ['NO_END_NODE', 'there is no end node', edit((doc) => (doc.nodes[4] = { ...doc.nodes[4]!, type: 'action' })), []],
    [
      'UNREACHABLE_NODE',
      'no path leads from a start to the node',
      edit((doc) => {
        doc.nodes.push({ id: 'island', type: 'action', title: 'Island', position: at });
        doc.edges.push({ id: 'e6', source: 'island', target: 'end' });
      }),
      ['island'],
    ],
    ['DEAD_END', 'a screen has no outgoing edge', edit((doc) => doc.edges.splice(1, 1)), ['login']],
    ['DECISION_BRANCH_MISSING', 'a decision has no if_false edge', edit((doc) => (doc.edges[4]!.trigger = 'onError')), ['ok']],
    [
      'CONDITION_OUTPUT_UNCONNECTED',
      'a condition output has no edge',
      edit((doc) => {
        const conditions = [
          { id: 'admin', label: 'Admin' },
          { id: 'guest', label: 'Guest' },
        ];
        doc.nodes.push({ id: 'role', type: 'condition', title: 'Role', position: at, data: { conditions } });
        doc.edges[3]!.target = 'role';
        doc.edges.push({ id: 'e6', source: 'role', target: 'end', sourceHandle: 'admin' });
      }),
      ['role', 'guest'],
    ],
    ['API_CALL_WITHOUT_DECISION', 'an api-call leads straight to an end', edit((doc) => (doc.edges[2]!.target = 'end')), ['submit']],
    [
      'SELF_LOOP',
      'an edge returns to its own node',
      edit((doc) => doc.edges.push({ id: 'e6', source: 'login', target: 'login' })),
      ['e6', 'login'],
    ],
  ])('should warn %s when %s', (rule, _, doc, ids) => {
    const { errors, warnings } = validateFlow(doc, limits);
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ rule, ids }));
  });

  it('should not count a condition node after an api-call as a missing decision when the call branches on it', () => {
    const doc = edit((d) => {
      d.nodes[3] = { id: 'ok', type: 'condition', title: 'Status', position: at, data: { conditions: [{ id: 'yes', label: '200' }] } };
      d.edges.splice(3, 2, { id: 'e4', source: 'ok', target: 'end', sourceHandle: 'yes' });
    });
    expect(validateFlow(doc, limits)).toEqual({ errors: [], warnings: [] });
  });

  it('should not treat a note as unreachable or a dead end when it floats on the canvas', () => {
    const doc = edit((d) => d.nodes.push({ id: 'memo', type: 'note', title: 'Ask legal', position: at }));
    expect(validateFlow(doc, limits).warnings).toEqual([]);
  });

  it('should still report warnings when the document also has errors', () => {
    const doc = edit((d) => d.edges.push({ id: 'e6', source: 'login', target: 'login' }, { id: 'e7', source: 'end', target: 'ghost' }));
    const { errors, warnings } = validateFlow(doc, limits);
    expect(errors.map((found) => found.rule)).toEqual(['EDGE_MISSING_NODE']);
    expect(warnings.map((found) => found.rule)).toContain('SELF_LOOP');
  });
});
