import { autoLayout, maxLayoutNodes } from './auto-layout.ts';
import { type Box, boundingBox, nodeBox } from './geometry.ts';
import type { LayoutEngine } from './layout-engine.ts';
import { type Point, ceilTo } from './layout-overlaps.ts';
import {
  type FlowDirection,
  candidatesNear,
  clearance,
  framePadding,
  grown,
  isInside,
  pastEverything,
  rankGap,
  siblingGap,
  tooClose,
  union,
} from './placement-space.ts';
import type { FlowDocument, FlowFrame, FlowNode } from './schema.ts';

/** The direction most of the base's edges run in (down unless they mostly run sideways). */
const directionOf = (base: FlowDocument): FlowDirection => {
  const centres = new Map(base.nodes.map((node) => [node.id, nodeBox(node)]));
  let [across, along] = [0, 0];
  for (const edge of base.edges) {
    const [from, to] = [centres.get(edge.source), centres.get(edge.target)];
    if (!from || !to) continue;
    across += Math.abs(to.x + to.width / 2 - (from.x + from.width / 2));
    along += Math.abs(to.y + to.height / 2 - (from.y + from.height / 2));
  }
  return across > along ? 'right' : 'down';
};

const frameBox = (frame: FlowFrame): Box => ({ ...frame.position, ...frame.size });
const setFrameBox = (frame: FlowFrame, box: Box, grid: number): void => {
  const x = Math.floor(box.x / grid) * grid + 0;
  const y = Math.floor(box.y / grid) * grid + 0;
  frame.position = { x, y };
  frame.size = { width: ceilTo(box.x + box.width, grid) - x, height: ceilTo(box.y + box.height, grid) - y };
};

/** Next to `anchor` along the flow (`step` +1: after it, -1: before it), centred on it across the flow. */
const beside = (anchor: Box, size: { width: number; height: number }, direction: FlowDirection, step: 1 | -1): Point =>
  direction === 'down'
    ? {
        x: anchor.x + (anchor.width - size.width) / 2,
        y: step === 1 ? anchor.y + anchor.height + rankGap : anchor.y - rankGap - size.height,
      }
    : {
        x: step === 1 ? anchor.x + anchor.width + rankGap : anchor.x - rankGap - size.width,
        y: anchor.y + (anchor.height - size.height) / 2,
      };

/** The four spots next to `box` (a sibling's gap away) for a node of `size`, on the grid. */
const around = (box: Box, size: { width: number; height: number }, grid: number): Point[] => {
  const snap = (value: number) => Math.round(value / grid) * grid + 0;
  return [
    { x: box.x + box.width + siblingGap, y: box.y },
    { x: box.x, y: box.y + box.height + siblingGap },
    { x: box.x - siblingGap - size.width, y: box.y },
    { x: box.x, y: box.y - siblingGap - size.height },
  ].map((point) => ({ x: snap(point.x), y: snap(point.y) }));
};

/** Spots inside `frame` for a node of `size`, nearest to `target` first. */
const spotsInside = (frame: Box, size: { width: number; height: number }, target: Point, grid: number): Point[] => {
  const spots: Point[] = [];
  const [right, bottom] = [frame.x + frame.width - framePadding - size.width, frame.y + frame.height - framePadding - size.height];
  for (let y = ceilTo(frame.y + framePadding, grid); y <= bottom; y += ceilTo(size.height / 2, grid)) {
    for (let x = ceilTo(frame.x + framePadding, grid); x <= right; x += ceilTo(size.width / 2, grid)) spots.push({ x, y });
  }
  const distance = (p: Point) => Math.hypot(p.x - target.x, p.y - target.y);
  return spots.sort((a, b) => distance(a) - distance(b));
};

/** Places each new node in turn, beside a neighbour already placed. */
const placeIncrementally = (doc: FlowDocument, base: FlowDocument, fresh: FlowNode[], grid: number): void => {
  const direction = directionOf(base);
  const oldFrames = new Set(base.frames.map((frame) => frame.id));
  const frames = new Map(doc.frames.map((frame) => [frame.id, frame]));
  const frameOf = new Map(doc.frames.flatMap((frame) => frame.nodeIds.map((id) => [id, frame.id] as const)));
  const isFresh = new Set(fresh.map((node) => node.id));
  const placed = new Map(doc.nodes.filter((node) => !isFresh.has(node.id)).map((node) => [node.id, nodeBox(node)]));
  const before = new Map<string, string[]>();
  const after = new Map<string, string[]>();
  for (const edge of doc.edges) {
    before.set(edge.target, [...(before.get(edge.target) ?? []), edge.source]);
    after.set(edge.source, [...(after.get(edge.source) ?? []), edge.target]);
  }
  const placedOf = (ids: readonly string[] | undefined) => (ids ?? []).flatMap((id) => placed.get(id) ?? []);
  const siblingsOf = (node: FlowNode) => {
    const frameId = frameOf.get(node.id);
    return frameId ? placedOf(frames.get(frameId)?.nodeIds) : [];
  };

  const targetOf = (node: FlowNode, size: Box, obstacles: Box[]): { target: Point; step: 1 | -1 } => {
    const [predecessor] = placedOf(before.get(node.id));
    if (predecessor) return { target: beside(predecessor, size, direction, 1), step: 1 };
    const [successor] = placedOf(after.get(node.id));
    if (successor) return { target: beside(successor, size, direction, -1), step: -1 };
    const sibling = siblingsOf(node).at(-1);
    if (sibling) return { target: beside(sibling, size, direction, 1), step: 1 };
    return { target: pastEverything(obstacles, direction, grid), step: 1 };
  };

  /**
   * A free spot for a member of `own` (a frame of the base): inside it, else beside it where growing
   * the frame to hold the node covers no other node or frame. Undefined when there is none.
   */
  const inFrame = (own: FlowFrame, near: Point[], target: Point, size: Box, walls: Box[], isFree: (point: Point) => boolean) => {
    const frame = frameBox(own);
    const at = (point: Point): Box => ({ ...point, width: size.width, height: size.height });
    const inside = near.find((point) => isInside(at(point), frame, framePadding) && isFree(point));
    if (inside) return inside;
    const spot = spotsInside(frame, size, target, grid).find(isFree);
    if (spot) return spot;
    const members = new Set(own.nodeIds);
    const others = [...[...placed].flatMap(([id, box]) => (members.has(id) ? [] : [box])), ...walls];
    // Beside a member the frame can often grow sideways where below the target it would swallow a neighbour.
    const distance = (point: Point) => Math.hypot(point.x - target.x, point.y - target.y);
    const besideMembers = placedOf(own.nodeIds).flatMap((member) => around(member, size, grid));
    return [...besideMembers, ...near]
      .sort((a, b) => distance(a) - distance(b))
      .find((point) => isFree(point) && others.every((other) => !tooClose(union(frame, grown(at(point), framePadding)), other, 0)));
  };

  const place = (node: FlowNode): Box => {
    const size = nodeBox(node);
    const frameId = frameOf.get(node.id);
    const own = frameId && oldFrames.has(frameId) ? frames.get(frameId) : undefined;
    // Frames kept from the base are obstacles to the nodes that are not theirs; new frames are fitted afterwards.
    const walls = [...oldFrames]
      .filter((id) => id !== frameId)
      .flatMap((id) => frames.get(id) ?? [])
      .map(frameBox);
    const obstacles = [...placed.values(), ...walls];
    const at = (point: Point): Box => ({ ...point, width: size.width, height: size.height });
    const isFree = (point: Point) => obstacles.every((other) => !tooClose(at(point), other, clearance));
    const { target, step } = targetOf(node, size, obstacles);
    const near = candidatesNear(target, size, direction, step, grid);
    const box = at(
      (own ? inFrame(own, near, target, size, walls, isFree) : undefined) ??
        near.find(isFree) ??
        pastEverything(obstacles, direction, grid),
    );
    // A frame of the base grows to hold a member placed outside it (it never shrinks).
    if (own && !isInside(box, frameBox(own), framePadding)) setFrameBox(own, union(frameBox(own), grown(box, framePadding)), grid);
    return box;
  };

  const pending = [...fresh];
  const hasPlaced = (ids: readonly string[] | undefined) => (ids ?? []).some((id) => placed.has(id));
  const pick = (): number => {
    const tests = [
      (node: FlowNode) => hasPlaced(before.get(node.id)),
      (node: FlowNode) => hasPlaced(after.get(node.id)),
      (node: FlowNode) => siblingsOf(node).length > 0,
      // A new part of the flow starts at its root.
      (node: FlowNode) => !(before.get(node.id) ?? []).some((id) => isFresh.has(id) && !placed.has(id)),
    ];
    for (const test of tests) {
      const index = pending.findIndex(test);
      if (index >= 0) return index;
    }
    return 0;
  };
  while (pending.length > 0) {
    const [node] = pending.splice(pick(), 1) as [FlowNode];
    const box = place(node);
    node.position = { x: box.x, y: box.y };
    placed.set(node.id, box);
  }

  // Frames new in the batch were sized from positions nobody chose: fit them to their members. (Frames of the base grew as needed.)
  const nodes = new Map(doc.nodes.map((node) => [node.id, node]));
  for (const frame of doc.frames.filter((found) => !oldFrames.has(found.id))) {
    const members = frame.nodeIds.flatMap((id) => nodes.get(id) ?? []);
    if (members.length > 0) setFrameBox(frame, boundingBox(members, framePadding), grid);
  }
};

/**
 * Gives the nodes new in `next` (by id, compared with `base`) their positions; nothing else moves.
 * - Every node of `base` keeps its exact position there (pinned or not), whatever `next` says: the
 *   positions an editor (or a model) wrote for existing nodes are not taken.
 * - A new node goes beside a neighbour already placed, in the direction the flow runs (down, or right
 *   when most edges of `base` run sideways): after its predecessor, else before its successor, else
 *   after a member of its frame; siblings side by side. A node with no placed neighbour starts past
 *   the far edge of the drawing. Its own `position` and `isPinned` in `next` are ignored.
 * - It keeps `clearance` from every node and from every frame of `base` but its own; inside its frame
 *   when that frame was in `base` (which grows when the node does not fit); frames new in `next` are
 *   fitted around their members.
 * - When `base` has no nodes (a generated flow), the whole graph is laid out by the hierarchical
 *   engine as AUTO_LAYOUT does, when `layout` is given and the flow is within `maxLayoutNodes`.
 * Pure and deterministic; `next` is not changed. Positions are whole pixels, or on the grid when snapping.
 */
export const placeNewNodes = (base: FlowDocument, next: FlowDocument, options: { layout?: LayoutEngine } = {}): FlowDocument => {
  const doc = structuredClone(next);
  const old = new Map(base.nodes.map((node) => [node.id, node]));
  const fresh = doc.nodes.filter((node) => !old.has(node.id));
  for (const node of doc.nodes) {
    const was = old.get(node.id);
    if (was) node.position = { ...was.position };
  }
  if (fresh.length === 0) return doc;
  if (base.nodes.length === 0 && options.layout && doc.nodes.length <= maxLayoutNodes) {
    // Nothing to keep: every node is laid out, those the batch pinned included.
    const unpinned = { ...doc, nodes: doc.nodes.map((node) => ({ ...node, isPinned: false })) };
    autoLayout(unpinned, { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }, options.layout);
    return {
      ...doc,
      nodes: doc.nodes.map((node, index) => ({ ...node, position: unpinned.nodes[index]!.position })),
      frames: unpinned.frames,
    };
  }
  const { gridSize, snapToGrid } = doc.metadata.globalSettings ?? {};
  placeIncrementally(doc, base, fresh, snapToGrid === true && gridSize !== undefined ? gridSize : 1);
  return doc;
};
