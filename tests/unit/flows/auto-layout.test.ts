import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNodeSize } from '../../../shared/flows/geometry.ts';
import { maxLayoutNodes } from '../../../shared/flows/auto-layout.ts';
import { applyOperations, flowOperationsSchema, layoutAlgorithms, type FlowDocument, type FlowNode } from '../../../shared/flows/index.ts';
import { testContext, validFlow } from './fixtures.ts';

type Algorithm = (typeof layoutAlgorithms)[number];

const laidOut = (doc: FlowDocument, algorithm: Algorithm): FlowDocument =>
  applyOperations(doc, [{ type: 'AUTO_LAYOUT', algorithm }], testContext()).document;

const box = (node: FlowNode) => ({ ...node.position, ...(node.size ?? defaultNodeSize) });
const overlap = (a: FlowNode, b: FlowNode): boolean => {
  const [p, q] = [box(a), box(b)];
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
};
/** Pairs of overlapping nodes, as "a/b", leaving out pairs of pinned nodes that already overlapped in `before`. */
const overlaps = (doc: FlowDocument, before: FlowDocument = doc): string[] =>
  doc.nodes.flatMap((a, i) =>
    doc.nodes.slice(i + 1).flatMap((b, k) => {
      const wasOverlapping = a.isPinned === true && b.isPinned === true && overlap(before.nodes[i]!, before.nodes[i + 1 + k]!);
      return overlap(a, b) && !wasOverlapping ? [`${a.id}/${b.id}`] : [];
    }),
  );
const byId = (doc: FlowDocument) => new Map(doc.nodes.map((node) => [node.id, node]));

/** `count` nodes scattered (and overlapping) on a small canvas, some of them larger; edges mostly forward, a few back. */
const scatteredFlow = (count: number, { pinned = [] as number[], isAcyclic = false } = {}): FlowDocument => {
  let seed = 7;
  const random = (limit: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648) * limit;
  const nodes: FlowNode[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: i === 0 ? 'start' : 'action',
    title: `Step ${i}`,
    position: { x: Math.floor(random(800)), y: Math.floor(random(800)) },
    ...(i % 4 === 0 ? { size: { width: 120, height: 160 } } : {}),
    ...(pinned.includes(i) ? { isPinned: true } : {}),
  }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `n${Math.floor(random(i + 1))}`, target: node.id }));
  if (!isAcyclic) edges.push({ id: 'back1', source: 'n20', target: 'n3' }, { id: 'back2', source: 'n9', target: 'n9' });
  return { ...validFlow(), nodes, edges, frames: [] };
};

const failureOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};

describe('AUTO_LAYOUT', () => {
  it('should refuse the batch with LAYOUT_TOO_LARGE when the flow has more nodes than maxLayoutNodes', () => {
    const big = scatteredFlow(maxLayoutNodes + 1, { isAcyclic: true });
    const failure = failureOf(() => applyOperations(big, [{ type: 'AUTO_LAYOUT', algorithm: 'force' }], testContext()));
    expect(failure).toMatchObject({ code: 'OPERATIONS_FAILED', extensions: { failures: [{ rule: 'LAYOUT_TOO_LARGE' }] } });
  });

  it('should refuse the batch with LAYOUT_UNAVAILABLE when the caller loaded no layout engine', () => {
    const withoutEngine = testContext();
    delete withoutEngine.layout;
    const failure = failureOf(() => applyOperations(validFlow(), [{ type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }], withoutEngine));
    expect(failure).toMatchObject({ code: 'OPERATIONS_FAILED', extensions: { failures: [{ rule: 'LAYOUT_UNAVAILABLE' }] } });
  });

  it('should refuse a batch with two AUTO_LAYOUT operations when it is parsed', () => {
    const twice = [
      { type: 'AUTO_LAYOUT', algorithm: 'force' },
      { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' },
    ];
    expect(flowOperationsSchema.safeParse(twice).success).toBe(false);
    expect(flowOperationsSchema.safeParse(twice.slice(1)).success).toBe(true);
  });

  it.each(layoutAlgorithms)('should leave no two nodes overlapping when %s lays out a scattered 30-node graph', (algorithm) => {
    expect(overlaps(laidOut(scatteredFlow(30, { pinned: [5, 11] }), algorithm))).toEqual([]);
  });

  it.each(layoutAlgorithms)('should leave no two nodes overlapping when %s lays out the login flow', (algorithm) => {
    expect(overlaps(laidOut(validFlow(), algorithm))).toEqual([]);
  });

  it.each(layoutAlgorithms)('should keep pinned nodes exactly in place when %s runs and they sit on other nodes', (algorithm) => {
    const input = scatteredFlow(30, { pinned: [2, 7, 19] });
    input.nodes[7]!.position = { x: 100.25, y: -40.5 };
    input.nodes[19]!.position = { x: 110, y: -30 }; // overlaps n7: both stay
    const output = byId(laidOut(input, algorithm));
    for (const i of [2, 7, 19]) expect(output.get(`n${i}`)?.position).toEqual(input.nodes[i]!.position);
  });

  it('should place each edge’s target below its source when hierarchical lays out an acyclic graph', () => {
    const output = laidOut(scatteredFlow(30, { isAcyclic: true }), 'hierarchical');
    const nodes = byId(output);
    for (const edge of output.edges) {
      const [source, target] = [box(nodes.get(edge.source)!), box(nodes.get(edge.target)!)];
      expect(target.y).toBeGreaterThan(source.y + source.height);
    }
  });

  it.each(layoutAlgorithms)('should give the same document when %s runs twice on equal documents', (algorithm) => {
    expect(laidOut(scatteredFlow(30, { pinned: [4] }), algorithm)).toEqual(laidOut(scatteredFlow(30, { pinned: [4] }), algorithm));
  });

  it.each(layoutAlgorithms)('should fit each frame around its nodes and leave an empty frame alone when %s runs', (algorithm) => {
    const input = validFlow();
    const empty = { id: 'frm_empty', title: 'Later', position: { x: 5, y: 5 }, size: { width: 50, height: 50 }, nodeIds: [] };
    input.frames.push(empty);
    const output = laidOut(input, algorithm);
    const [auth] = output.frames;
    for (const member of [byId(output).get('login')!, byId(output).get('submit')!].map(box)) {
      expect(member.x - auth!.position.x).toBeGreaterThanOrEqual(24);
      expect(member.y - auth!.position.y).toBeGreaterThanOrEqual(24);
      expect(auth!.position.x + auth!.size.width - (member.x + member.width)).toBeGreaterThanOrEqual(24);
      expect(auth!.position.y + auth!.size.height - (member.y + member.height)).toBeGreaterThanOrEqual(24);
    }
    expect(output.frames[1]).toEqual(empty);
  });

  it.each(layoutAlgorithms)('should put unpinned nodes and frames on the grid when %s runs with snapToGrid on', (algorithm) => {
    const input = scatteredFlow(30, { pinned: [3] });
    input.nodes[3]!.position = { x: 333, y: 333 };
    input.metadata.globalSettings = { gridSize: 30, snapToGrid: true };
    input.frames = [{ id: 'frm', title: 'Group', position: { x: 0, y: 0 }, size: { width: 10, height: 10 }, nodeIds: ['n1', 'n2'] }];
    const output = laidOut(input, algorithm);
    const onGrid = (value: number) => value % 30 === 0;
    expect(output.nodes.filter((node) => !node.isPinned && !(onGrid(node.position.x) && onGrid(node.position.y)))).toEqual([]);
    const [frame] = output.frames;
    expect([frame!.position.x, frame!.position.y, frame!.size.width, frame!.size.height].every(onGrid)).toBe(true);
    expect(overlaps(output)).toEqual([]);
  });

  it.each(layoutAlgorithms)('should use whole pixels off the grid when %s runs with snapToGrid off', (algorithm) => {
    const input = scatteredFlow(30);
    input.metadata.globalSettings = { gridSize: 30, snapToGrid: false };
    const coordinates = laidOut(input, algorithm).nodes.flatMap((node) => [node.position.x, node.position.y]);
    expect(coordinates.every(Number.isInteger)).toBe(true);
    expect(coordinates.some((value) => value % 30 !== 0)).toBe(true);
  });

  it.each(layoutAlgorithms)('should change only positions and frame boxes when %s runs', (algorithm) => {
    const withoutGeometry = (doc: FlowDocument) => ({
      ...doc,
      nodes: doc.nodes.map(({ position: _position, ...rest }) => rest),
      frames: doc.frames.map(({ position: _position, size: _size, ...rest }) => rest),
    });
    expect(withoutGeometry(laidOut(validFlow(), algorithm))).toEqual(withoutGeometry(validFlow()));
  });
});

/** Up to 20 nodes on a small canvas (so that many overlap), some pinned at fractional positions, in up to 3 frames. */
const flowArbitrary = fc
  .record({
    nodes: fc.array(
      fc.record({
        x: fc.integer({ min: -2000, max: 2000 }),
        y: fc.integer({ min: -2000, max: 2000 }),
        size: fc.option(fc.record({ width: fc.integer({ min: 50, max: 500 }), height: fc.integer({ min: 30, max: 300 }) }), { nil: null }),
        isPinned: fc.boolean(),
        frame: fc.nat(3),
      }),
      { minLength: 1, maxLength: 20 },
    ),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
    gridSize: fc.integer({ min: 1, max: 200 }),
    snapToGrid: fc.boolean(),
  })
  .map(({ nodes, edges, gridSize, snapToGrid }): FlowDocument => {
    const ids = nodes.map((_, i) => `n${i}`);
    return {
      ...validFlow(),
      metadata: { ...validFlow().metadata, globalSettings: { gridSize, snapToGrid } },
      nodes: nodes.map(({ x, y, size, isPinned, frame }, i) => ({
        id: ids[i]!,
        type: i === 0 ? 'start' : 'action',
        title: `Step ${i}`,
        position: { x: x / 4, y: y / 4 },
        ...(size ? { size } : {}),
        ...(isPinned ? { isPinned } : {}),
        ...(frame > 0 ? { frameId: `f${frame}` } : {}),
      })),
      edges: edges.map(([a, b], i) => ({ id: `e${i}`, source: ids[a % ids.length]!, target: ids[b % ids.length]! })),
      frames: [1, 2, 3].map((k) => ({
        id: `f${k}`,
        title: `Frame ${k}`,
        position: { x: 0, y: 0 },
        size: { width: 10, height: 10 },
        nodeIds: ids.filter((_, i) => nodes[i]!.frame === k),
      })),
    };
  });

describe('AUTO_LAYOUT properties', () => {
  it('should leave only already-overlapping pinned pairs overlapping and pinned nodes in place when any flow is laid out', () => {
    fc.assert(
      fc.property(flowArbitrary, fc.constantFrom(...layoutAlgorithms), (input, algorithm) => {
        const output = laidOut(input, algorithm);
        expect(overlaps(output, input)).toEqual([]);
        output.nodes.forEach((node, i) => {
          if (node.isPinned === true) expect(node.position).toEqual(input.nodes[i]!.position);
          else expect([node.position.x, node.position.y].every(Number.isInteger)).toBe(true);
        });
        const nodes = byId(output);
        output.frames.forEach((frame, k) => {
          if (frame.nodeIds.length === 0) expect(frame).toEqual(input.frames[k]);
          for (const member of frame.nodeIds.map((id) => box(nodes.get(id)!))) {
            expect(member.x).toBeGreaterThanOrEqual(frame.position.x);
            expect(member.y).toBeGreaterThanOrEqual(frame.position.y);
            expect(member.x + member.width).toBeLessThanOrEqual(frame.position.x + frame.size.width);
            expect(member.y + member.height).toBeLessThanOrEqual(frame.position.y + frame.size.height);
          }
        });
        expect(output.edges).toEqual(input.edges);
      }),
    );
  });
});
