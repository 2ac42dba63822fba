import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBox, type Box } from '../../../shared/flows/geometry.ts';
import { placeNewNodes, type FlowDocument, type FlowNode } from '../../../shared/flows/index.ts';
import { crowdedPairs, inside as within } from './placement-checks.ts';

const size = fc.option(fc.record({ width: fc.integer({ min: 50, max: 500 }), height: fc.integer({ min: 30, max: 300 }) }), {
  nil: undefined,
});
const spot = fc.record({ x: fc.integer({ min: -400, max: 1200 }), y: fc.integer({ min: -400, max: 1200 }) });

/** A base drawn by hand (nodes anywhere, overlapping or not, a frame that may not even hold its members) and nodes added to it. */
const scenario = fc
  .record({
    old: fc.array(fc.record({ position: spot, size, isPinned: fc.boolean(), inFrame: fc.boolean() }), { maxLength: 12 }),
    added: fc.array(fc.record({ position: spot, size, inFrame: fc.boolean(), links: fc.array(fc.nat(), { maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 10,
    }),
    oldLinks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
    frame: fc.option(fc.record({ position: spot, width: fc.integer({ min: 100, max: 900 }), height: fc.integer({ min: 100, max: 700 }) }), {
      nil: undefined,
    }),
    grid: fc.constantFrom(undefined, 10, 20, 25),
  })
  .map(({ old, added, oldLinks, frame, grid }) => {
    const node = (
      id: string,
      at: { position: { x: number; y: number }; size: FlowNode['size'] },
      extra: { frameId?: string; isPinned?: boolean },
    ): FlowNode => ({
      id,
      type: 'screen',
      title: id,
      position: at.position,
      ...(at.size ? { size: at.size } : {}),
      ...extra,
    });
    const inFrame = (member: boolean) => (frame && member ? { frameId: 'frm' } : {});
    const oldNodes = old.map((item, i) => node(`o${i}`, item, { ...inFrame(item.inFrame), ...(item.isPinned ? { isPinned: true } : {}) }));
    const newNodes = added.map((item, i) => node(`n${i}`, item, inFrame(item.inFrame)));
    const ids = (nodes: FlowNode[]) => nodes.map((found) => found.id);
    const oldEdges =
      oldNodes.length === 0
        ? []
        : oldLinks.map(([a, b], i) => ({ id: `oe${i}`, source: `o${a % oldNodes.length}`, target: `o${b % oldNodes.length}` }));
    // Each added node links to nodes before it (old or added), alternately as their successor and as their predecessor.
    const newEdges = added.flatMap((item, i) => {
      const earlier = [...ids(oldNodes), ...ids(newNodes).slice(0, i)];
      if (earlier.length === 0) return [];
      return item.links.map((pick, k) => {
        const other = earlier[pick % earlier.length]!;
        return k % 2 === 0 ? { id: `ne${i}_${k}`, source: other, target: `n${i}` } : { id: `ne${i}_${k}`, source: `n${i}`, target: other };
      });
    });
    const metadata = {
      schemaVersion: '2.0' as const,
      flowName: 'Random',
      version: '1.0.0',
      ...(grid ? { globalSettings: { gridSize: grid, snapToGrid: true } } : {}),
    };
    const frames = (nodes: FlowNode[]) =>
      frame
        ? [
            {
              id: 'frm',
              title: 'F',
              position: frame.position,
              size: { width: frame.width, height: frame.height },
              nodeIds: ids(nodes.filter((found) => found.frameId)),
            },
          ]
        : [];
    const base: FlowDocument = { metadata, nodes: oldNodes, edges: oldEdges, frames: frames(oldNodes) };
    const all = [...oldNodes, ...newNodes];
    const next: FlowDocument = { metadata, nodes: all, edges: [...oldEdges, ...newEdges], frames: frames(all) };
    return { base, next, fresh: new Set(ids(newNodes)), grid };
  });

const frameBox = (doc: FlowDocument): Box | undefined => doc.frames.map((frame) => ({ ...frame.position, ...frame.size }))[0];
const overlapping = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('placeNewNodes (properties)', () => {
  it('should keep old nodes in place and new ones clear of every node, on the grid, inside their own frame and out of others', () => {
    fc.assert(
      fc.property(scenario, ({ base, next, fresh, grid }) => {
        const placed = placeNewNodes(base, next);
        expect(placeNewNodes(base, next)).toEqual(placed);
        const byId = new Map(placed.nodes.map((node) => [node.id, node]));
        for (const node of base.nodes) expect(byId.get(node.id)?.position).toEqual(node.position);
        expect(crowdedPairs(placed, fresh)).toEqual([]);
        const added = placed.nodes.filter((node) => fresh.has(node.id));
        if (grid) for (const node of added) expect([node.position.x % grid, node.position.y % grid].map(Math.abs)).toEqual([0, 0]);
        const [before, after] = [frameBox(base), frameBox(placed)];
        if (!before || !after) return;
        expect(within(before, after)).toBe(true);
        for (const node of added) {
          if (node.frameId) expect(within(nodeBox(node), after)).toBe(true);
          else expect(overlapping(nodeBox(node), before)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
