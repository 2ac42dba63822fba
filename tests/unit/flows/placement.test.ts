import { describe, expect, it } from 'vitest';
import { nodeBox, type Box } from '../../../shared/flows/geometry.ts';
import { applyOperations, placeNewNodes, type FlowDocument, type FlowNode, type FlowOperation } from '../../../shared/flows/index.ts';
import { layoutEngine, testContext, validFlow } from './fixtures.ts';
import { closer, crowdedPairs, inside } from './placement-checks.ts';

const at = { x: 0, y: 0 };
const screen = (id: string, position = at): FlowNode => ({ id, type: 'screen', title: id, position });
const withOps = (doc: FlowDocument, ops: FlowOperation[]) => applyOperations(doc, ops, testContext()).document;
const byId = (doc: FlowDocument) => new Map(doc.nodes.map((node) => [node.id, node]));
const boxOf = (doc: FlowDocument, id: string): Box => nodeBox(byId(doc).get(id)!);
const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
const distance = (a: Box, b: Box) => Math.hypot(centre(a).x - centre(b).x, centre(a).y - centre(b).y);
/** Arranged by hand: nothing on a grid, a pinned node, a tight frame, a note off to the side. */
const handArranged = (): FlowDocument => ({
  metadata: { schemaVersion: '2.0', flowName: 'Sign-up', version: '1.0.0' },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 43, y: 7 } },
    { ...screen('email', { x: 22, y: 163 }), size: { width: 220, height: 120 }, frameId: 'frm_form' },
    { ...screen('password', { x: 287, y: 171 }), frameId: 'frm_form' },
    {
      id: 'submit',
      type: 'api-call',
      title: 'POST /users',
      position: { x: 161, y: 383 },
      isPinned: true,
      data: { method: 'POST', url: '/users' },
    },
    { id: 'end', type: 'end', title: 'Done', position: { x: 172, y: 559 } },
    { id: 'note', type: 'note', title: 'Ask legal', position: { x: 640, y: 31 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'email' },
    { id: 'e2', source: 'email', target: 'password' },
    { id: 'e3', source: 'password', target: 'submit' },
    { id: 'e4', source: 'submit', target: 'end' },
  ],
  frames: [
    { id: 'frm_form', title: 'Form', position: { x: 2, y: 141 }, size: { width: 520, height: 170 }, nodeIds: ['email', 'password'] },
  ],
});

/** What a proposal does to it: every position it writes is (0, 0), and it even tries to move the start. */
const proposal: FlowOperation[] = [
  { type: 'ADD_NODE', node: screen('verify') },
  { type: 'DELETE_EDGE', id: 'e4' },
  { type: 'ADD_EDGE', edge: { id: 'e5', source: 'submit', target: 'verify' } },
  { type: 'ADD_EDGE', edge: { id: 'e6', source: 'verify', target: 'end' } },
  { type: 'ADD_NODE', node: screen('failed') },
  { type: 'ADD_EDGE', edge: { id: 'e7', source: 'submit', target: 'failed', trigger: 'onError' } },
  { type: 'ADD_NODE', node: screen('terms') },
  { type: 'UPDATE_FRAME', id: 'frm_form', changes: { nodeIds: ['email', 'password', 'terms'] } },
  { type: 'ADD_EDGE', edge: { id: 'e8', source: 'password', target: 'terms' } },
  { type: 'ADD_NODE', node: screen('faq') },
  { type: 'ADD_NODE', node: screen('contact') },
  { type: 'ADD_EDGE', edge: { id: 'e9', source: 'faq', target: 'contact' } },
  { type: 'GROUP_NODES', nodeIds: ['faq', 'contact'], title: 'Help', frameId: 'frm_help' },
  { type: 'UPDATE_NODE', id: 'start', changes: { position: { x: 999, y: 999 } } },
];

describe('placeNewNodes on a hand-arranged flow', () => {
  const base = handArranged();
  const next = withOps(base, proposal);
  const untouched = structuredClone(next);
  const placed = placeNewNodes(base, next);
  const fresh = new Set(['verify', 'failed', 'terms', 'faq', 'contact']);

  it('should leave every node of the base exactly where it was, the one the batch moved included', () => {
    for (const node of base.nodes) expect(byId(placed).get(node.id)?.position).toEqual(node.position);
    expect(next).toEqual(untouched);
  });

  it('should keep every new node clear of every other node', () => {
    expect(crowdedPairs(placed, fresh)).toEqual([]);
  });

  it('should put new nodes beside their neighbours, after the predecessor in the direction of the flow', () => {
    const submit = boxOf(placed, 'submit');
    for (const id of ['verify', 'failed']) {
      expect(boxOf(placed, id).y).toBeGreaterThan(submit.y + submit.height);
      expect(distance(boxOf(placed, id), submit)).toBeLessThan(450);
    }
    expect(boxOf(placed, 'contact').y).toBeGreaterThan(boxOf(placed, 'faq').y);
    expect(distance(boxOf(placed, 'contact'), boxOf(placed, 'faq'))).toBeLessThan(300);
  });

  it('should place a new member inside its frame, growing the frame without losing the old members', () => {
    const form = placed.frames.find((frame) => frame.id === 'frm_form')!;
    const box = { ...form.position, ...form.size };
    for (const id of ['email', 'password', 'terms']) expect(inside(boxOf(placed, id), box)).toBe(true);
    expect(inside({ ...base.frames[0]!.position, ...base.frames[0]!.size }, box)).toBe(true);
    // It grew sideways, beside its members, where growing downwards would have swallowed the pinned submit.
    for (const id of ['start', 'submit', 'end', 'note', 'verify', 'failed', 'faq', 'contact'])
      expect(closer(boxOf(placed, id), box, 0)).toBe(false);
    const help = placed.frames.find((frame) => frame.id === 'frm_help')!;
    for (const id of ['faq', 'contact']) expect(inside(boxOf(placed, id), { ...help.position, ...help.size })).toBe(true);
  });
});

describe('placeNewNodes', () => {
  it('should follow a flow that runs left to right', () => {
    const base: FlowDocument = {
      metadata: { schemaVersion: '2.0', flowName: 'Sideways', version: '1.0.0' },
      nodes: [screen('a', { x: 0, y: 0 }), screen('b', { x: 320, y: 10 })],
      edges: [{ id: 'ab', source: 'a', target: 'b' }],
      frames: [],
    };
    const placed = placeNewNodes(
      base,
      withOps(base, [
        { type: 'ADD_NODE', node: screen('c') },
        { type: 'ADD_EDGE', edge: { id: 'bc', source: 'b', target: 'c' } },
      ]),
    );
    const [b, c] = [boxOf(placed, 'b'), boxOf(placed, 'c')];
    expect(c.x).toBeGreaterThan(b.x + b.width);
    expect(Math.abs(c.y - b.y)).toBeLessThan(b.height);
  });

  it('should put a node with only a successor before it', () => {
    const base = handArranged();
    const next = withOps(base, [
      { type: 'ADD_NODE', node: screen('intro') },
      { type: 'ADD_EDGE', edge: { id: 'ie', source: 'intro', target: 'start' } },
    ]);
    const placed = placeNewNodes(base, next);
    expect(boxOf(placed, 'intro').y + boxOf(placed, 'intro').height).toBeLessThan(boxOf(placed, 'start').y);
  });

  it('should stay on the grid when the flow snaps to it', () => {
    const base = validFlow();
    const next = withOps(base, [
      { type: 'ADD_NODE', node: screen('extra', { x: 3, y: 7 }) },
      { type: 'ADD_EDGE', edge: { id: 'x', source: 'ok', target: 'extra' } },
    ]);
    const { x, y } = byId(placeNewNodes(base, next)).get('extra')!.position;
    expect([x % 20, y % 20]).toEqual([0, 0]);
  });

  it('should lay a generated flow out whole with the hierarchical engine, as AUTO_LAYOUT does', () => {
    const empty: FlowDocument = { ...validFlow(), nodes: [], edges: [], frames: [] };
    const generated = { ...validFlow(), nodes: validFlow().nodes.map((node) => ({ ...node, position: at, isPinned: true })) };
    const placed = placeNewNodes(empty, generated, { layout: layoutEngine });
    const expected = withOps({ ...generated, nodes: validFlow().nodes.map((node) => ({ ...node, position: at })) }, [
      { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' },
    ]);
    expect(placed.nodes.map((node) => node.position)).toEqual(expected.nodes.map((node) => node.position));
    expect(placed.frames).toEqual(expected.frames);
    expect(placed.nodes.every((node) => node.isPinned === true)).toBe(true);
    // Without the engine, the same flow is still placed node by node, clear of each other.
    expect(crowdedPairs(placeNewNodes(empty, generated), new Set(generated.nodes.map((node) => node.id)))).toEqual([]);
  });

  it('should return the document as it is, old positions restored, when nothing is new', () => {
    const base = handArranged();
    const moved = withOps(base, [{ type: 'UPDATE_NODE', id: 'end', changes: { position: { x: 5, y: 5 }, title: 'Finished' } }]);
    expect(placeNewNodes(base, moved)).toEqual(withOps(base, [{ type: 'UPDATE_NODE', id: 'end', changes: { title: 'Finished' } }]));
  });
});
