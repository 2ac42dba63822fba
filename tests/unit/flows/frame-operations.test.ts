import { describe, expect, it } from 'vitest';
import { applyOperations, validateFlow, type FlowOperation } from '../../../shared/flows/index.ts';
import { limits, outcomeOf, testContext, validFlow } from './fixtures.ts';

const apply = (...ops: FlowOperation[]) => applyOperations(validFlow(), ops, testContext()).document;
const box = { position: { x: 0, y: 0 }, size: { width: 100, height: 100 } };

describe('frame operations', () => {
  it('should add the frame and move its nodes out of their old frame when ADD_FRAME succeeds', () => {
    const doc = apply({ type: 'ADD_FRAME', frame: { id: 'frm_2', title: 'Check', ...box, nodeIds: ['submit', 'ok'] } });
    expect(doc.frames.map((frame) => [frame.id, frame.nodeIds])).toEqual([
      ['frm_auth', ['login']],
      ['frm_2', ['submit', 'ok']],
    ]);
    expect(doc.nodes.find((node) => node.id === 'ok')?.frameId).toBe('frm_2');
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should change title and members when UPDATE_FRAME succeeds', () => {
    const doc = apply({ type: 'UPDATE_FRAME', id: 'frm_auth', changes: { title: 'Sign-in', nodeIds: ['login', 'ok'] } });
    expect(doc.frames[0]).toMatchObject({ title: 'Sign-in', nodeIds: ['login', 'ok'] });
    expect(doc.nodes.find((node) => node.id === 'submit')?.frameId).toBeUndefined();
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should keep the nodes and clear their frameId when DELETE_FRAME succeeds', () => {
    const doc = apply({ type: 'DELETE_FRAME', id: 'frm_auth' });
    expect(doc.frames).toEqual([]);
    expect(doc.nodes).toHaveLength(5);
    expect(doc.nodes.every((node) => node.frameId === undefined)).toBe(true);
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should create a frame around the nodes with a generated id when GROUP_NODES succeeds', () => {
    const doc = apply({ type: 'GROUP_NODES', nodeIds: ['ok', 'end'], title: 'Outcome' });
    // ok at (0,450) and end at (0,600), default size 200×80, padding 24.
    expect(doc.frames[1]).toEqual({
      id: 'frm_1',
      title: 'Outcome',
      position: { x: -24, y: 426 },
      size: { width: 248, height: 278 },
      nodeIds: ['ok', 'end'],
    });
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it.each<[string, FlowOperation, string]>([
    ['ADD_FRAME reuses an id', { type: 'ADD_FRAME', frame: { id: 'frm_auth', title: 'X', ...box, nodeIds: [] } }, 'DUPLICATE_ID'],
    [
      'ADD_FRAME names a missing node',
      { type: 'ADD_FRAME', frame: { id: 'frm_2', title: 'X', ...box, nodeIds: ['ghost'] } },
      'NODE_NOT_FOUND',
    ],
    ['UPDATE_FRAME names a missing frame', { type: 'UPDATE_FRAME', id: 'frm_x', changes: { title: 'X' } }, 'FRAME_NOT_FOUND'],
    ['UPDATE_FRAME breaks the schema', { type: 'UPDATE_FRAME', id: 'frm_auth', changes: { title: '' } }, 'FRAME_INVALID'],
    ['UPDATE_FRAME names a missing node', { type: 'UPDATE_FRAME', id: 'frm_auth', changes: { nodeIds: ['ghost'] } }, 'NODE_NOT_FOUND'],
    ['DELETE_FRAME names a missing frame', { type: 'DELETE_FRAME', id: 'frm_x' }, 'FRAME_NOT_FOUND'],
    ['GROUP_NODES names a missing node', { type: 'GROUP_NODES', nodeIds: ['ghost'], title: 'X' }, 'NODE_NOT_FOUND'],
    ['GROUP_NODES reuses a frame id', { type: 'GROUP_NODES', nodeIds: ['end'], title: 'X', frameId: 'frm_auth' }, 'DUPLICATE_ID'],
  ])('should fail with %s → %s', (_, op, rule) => {
    expect(outcomeOf(() => apply(op))).toEqual({ code: 'OPERATIONS_FAILED', rules: [rule] });
  });
});
