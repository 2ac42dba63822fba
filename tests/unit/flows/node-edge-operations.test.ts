import { describe, expect, it } from 'vitest';
import { applyOperations, validateFlow, type FlowOperation } from '../../../shared/flows/index.ts';
import { limits, outcomeOf, testContext, validFlow } from './fixtures.ts';

const apply = (...ops: FlowOperation[]) => applyOperations(validFlow(), ops, testContext()).document;
const at = { x: 10, y: 20 };

describe('node and edge operations', () => {
  it('should add a node and put it in its frame when ADD_NODE names one', () => {
    const doc = apply({ type: 'ADD_NODE', node: { id: 'help', type: 'popup', title: 'Help', position: at, frameId: 'frm_auth' } });
    expect(doc.nodes.at(-1)).toMatchObject({ id: 'help', frameId: 'frm_auth' });
    expect(doc.frames[0]!.nodeIds).toEqual(['login', 'submit', 'help']);
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should merge changes and keep type and frame when UPDATE_NODE succeeds', () => {
    const doc = apply({ type: 'UPDATE_NODE', id: 'login', changes: { title: 'Sign in', isPinned: true, position: at } });
    expect(doc.nodes[1]).toMatchObject({
      id: 'login',
      type: 'screen',
      title: 'Sign in',
      isPinned: true,
      position: at,
      frameId: 'frm_auth',
    });
  });

  it('should remove the node, its edges and its frame membership when DELETE_NODE succeeds', () => {
    const doc = apply({ type: 'DELETE_NODE', id: 'login' });
    expect(doc.nodes.map((node) => node.id)).not.toContain('login');
    expect(doc.edges.map((edge) => edge.id)).toEqual(['e3', 'e4']);
    expect(doc.frames[0]!.nodeIds).toEqual(['submit']);
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should add, change and remove an edge when the edge operations succeed', () => {
    const added = apply({ type: 'ADD_EDGE', edge: { id: 'e6', source: 'login', target: 'end', trigger: 'onSwipe' } });
    expect(added.edges.at(-1)).toEqual({ id: 'e6', source: 'login', target: 'end', trigger: 'onSwipe' });
    const updated = apply({ type: 'UPDATE_EDGE', id: 'e1', changes: { label: 'open', animated: true } });
    expect(updated.edges[0]).toEqual({ id: 'e1', source: 'start', target: 'login', trigger: 'onLoad', label: 'open', animated: true });
    expect(apply({ type: 'DELETE_EDGE', id: 'e5' }).edges.map((edge) => edge.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it.each<[string, FlowOperation, string]>([
    ['ADD_NODE reuses an id', { type: 'ADD_NODE', node: { id: 'login', type: 'action', title: 'Again', position: at } }, 'DUPLICATE_ID'],
    [
      'ADD_NODE names a missing frame',
      { type: 'ADD_NODE', node: { id: 'n', type: 'action', title: 'N', position: at, frameId: 'frm_x' } },
      'FRAME_NOT_FOUND',
    ],
    [
      'ADD_NODE names a missing persona',
      { type: 'ADD_NODE', node: { id: 'n', type: 'action', title: 'N', position: at, personaIds: ['p'] } },
      'PERSONA_NOT_FOUND',
    ],
    ['UPDATE_NODE names a missing node', { type: 'UPDATE_NODE', id: 'ghost', changes: { title: 'x' } }, 'NODE_NOT_FOUND'],
    ['UPDATE_NODE breaks the schema', { type: 'UPDATE_NODE', id: 'login', changes: { title: '' } }, 'NODE_INVALID'],
    ['UPDATE_NODE gives a decision bad data', { type: 'UPDATE_NODE', id: 'ok', changes: { data: { expression: 'x' } } }, 'NODE_INVALID'],
    ['DELETE_NODE names a missing node', { type: 'DELETE_NODE', id: 'ghost' }, 'NODE_NOT_FOUND'],
    ['ADD_EDGE reuses an id', { type: 'ADD_EDGE', edge: { id: 'e1', source: 'start', target: 'end' } }, 'DUPLICATE_ID'],
    ['ADD_EDGE targets a missing node', { type: 'ADD_EDGE', edge: { id: 'e9', source: 'start', target: 'ghost' } }, 'EDGE_NODE_NOT_FOUND'],
    ['UPDATE_EDGE names a missing edge', { type: 'UPDATE_EDGE', id: 'e9', changes: { label: 'x' } }, 'EDGE_NOT_FOUND'],
    ['UPDATE_EDGE moves to a missing node', { type: 'UPDATE_EDGE', id: 'e1', changes: { source: 'ghost' } }, 'EDGE_NODE_NOT_FOUND'],
    ['UPDATE_EDGE breaks the schema', { type: 'UPDATE_EDGE', id: 'e1', changes: { label: 'x'.repeat(201) } }, 'EDGE_INVALID'],
    ['DELETE_EDGE names a missing edge', { type: 'DELETE_EDGE', id: 'e9' }, 'EDGE_NOT_FOUND'],
  ])('should fail with %s → %s', (_, op, rule) => {
    expect(outcomeOf(() => apply(op))).toEqual({ code: 'OPERATIONS_FAILED', rules: [rule] });
  });

  it('should list every failed operation with its index and leave the input alone when a batch fails', () => {
    const input = validFlow();
    const before = structuredClone(input);
    const ops: FlowOperation[] = [
      { type: 'DELETE_EDGE', id: 'e1' },
      { type: 'DELETE_NODE', id: 'ghost' },
      { type: 'ADD_EDGE', edge: { id: 'e2', source: 'start', target: 'end' } },
    ];
    try {
      applyOperations(input, ops, testContext());
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'OPERATIONS_FAILED', kind: 'unprocessable' });
      expect((error as { extensions: unknown }).extensions).toMatchObject({
        failures: [
          { index: 1, type: 'DELETE_NODE', rule: 'NODE_NOT_FOUND' },
          { index: 2, type: 'ADD_EDGE', rule: 'DUPLICATE_ID' },
        ],
      });
    }
    expect(input).toEqual(before);
  });

  it('should see earlier operations of the batch when later ones reference them', () => {
    const { document, summary } = applyOperations(
      validFlow(),
      [
        { type: 'ADD_NODE', node: { id: 'n', type: 'action', title: 'N', position: at } },
        { type: 'ADD_EDGE', edge: { id: 'e6', source: 'n', target: 'end' } },
        { type: 'ADD_EDGE', edge: { id: 'e7', source: 'login', target: 'n' } },
      ],
      testContext(),
    );
    expect(validateFlow(document, limits)).toEqual({ errors: [], warnings: [] });
    expect(summary).toEqual({ count: 3, byType: { ADD_NODE: 1, ADD_EDGE: 2 }, text: '1 × ADD_NODE, 2 × ADD_EDGE' });
  });
});
