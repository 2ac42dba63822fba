import { describe, expect, it } from 'vitest';
import { applyOperations, parseOperations, type FlowOperation } from '../../../shared/flows/index.ts';
import { outcomeOf, testContext, validFlow } from './fixtures.ts';

const positions = (...ops: FlowOperation[]) =>
  Object.fromEntries(applyOperations(validFlow(), ops, testContext()).document.nodes.map((node) => [node.id, node.position]));

describe('ALIGN_NODES, AUTO_LAYOUT and parsing', () => {
  it('should give every node the y of the first when ALIGN_NODES is horizontal', () => {
    const moved = positions(
      { type: 'UPDATE_NODE', id: 'end', changes: { position: { x: 300, y: 10 } } },
      { type: 'ALIGN_NODES', nodeIds: ['ok', 'end'], mode: 'horizontal' },
    );
    expect(moved.end).toEqual({ x: 300, y: 450 });
  });

  it('should align on the pinned node and leave it in place when ALIGN_NODES is vertical', () => {
    const moved = positions(
      { type: 'UPDATE_NODE', id: 'end', changes: { position: { x: 300, y: 600 }, isPinned: true } },
      { type: 'ALIGN_NODES', nodeIds: ['ok', 'end'], mode: 'vertical' },
    );
    expect(moved).toMatchObject({ ok: { x: 300, y: 450 }, end: { x: 300, y: 600 } });
  });

  it('should lay nodes out in rows of ⌈√n⌉ from the top-left corner when ALIGN_NODES is grid', () => {
    const moved = positions({ type: 'ALIGN_NODES', nodeIds: ['start', 'ok', 'end'], mode: 'grid' });
    // cells: 200 + 40 wide, 80 + 40 high; two columns for three nodes.
    expect([moved.start, moved.ok, moved.end]).toEqual([
      { x: 0, y: 0 },
      { x: 240, y: 0 },
      { x: 0, y: 120 },
    ]);
  });

  it('should lay out the nodes added earlier in the batch when AUTO_LAYOUT follows them', () => {
    const { help, start } = positions(
      { type: 'ADD_NODE', node: { id: 'help', type: 'note', title: 'Help', position: { x: 0, y: 0 } } },
      { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' },
    );
    // Both are 200 × 80 and the note is added on top of `start`: the layout gives it a place of its own.
    expect(Math.abs(help!.x - start!.x) >= 200 || Math.abs(help!.y - start!.y) >= 80).toBe(true);
  });

  it('should return typed operations when the batch matches the wire format', () => {
    const ops = parseOperations([
      { type: 'DELETE_NODE', id: 'login' },
      { type: 'ALIGN_NODES', nodeIds: ['a'], mode: 'grid' },
    ]);
    expect(ops.map((op) => op.type)).toEqual(['DELETE_NODE', 'ALIGN_NODES']);
  });

  it.each<[string, unknown]>([
    ['an unknown type', [{ type: 'RENAME', id: 'x' }]],
    ['a missing payload', [{ type: 'DELETE_NODE' }]],
    ['a trigger outside the enum', [{ type: 'ADD_EDGE', edge: { id: 'e', source: 'a', target: 'b', trigger: 'onTap' } }]],
    ['an empty batch', []],
  ])('should fail with OPERATION_SCHEMA when the batch has %s', (_, raw) => {
    const outcome = outcomeOf(() => parseOperations(raw));
    expect(outcome.code).toBe('OPERATIONS_FAILED');
    expect(new Set(outcome.rules)).toEqual(new Set(['OPERATION_SCHEMA']));
  });
});
