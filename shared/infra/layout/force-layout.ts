import { type SimulationNodeDatum, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { nodeBox } from '../../flows/geometry.ts';
import type { Point } from '../../flows/layout-overlaps.ts';
import type { FlowDocument } from '../../flows/schema.ts';

interface Body extends SimulationNodeDatum {
  id: string;
  width: number;
  height: number;
  /** Half the box's diagonal plus half the gap: bodies whose circles do not touch have boxes `gap` apart. */
  radius: number;
}

interface Spring {
  source: string | Body;
  target: string | Body;
  length: number;
}

/** d3's default schedule: alpha decays from 1 to its 0.001 floor in 300 ticks. */
const ticks = 300;
/** Length of an edge's spring beyond the two circles (px). */
const edgeSlack = 60;
const repulsion = -400;
/** Pull towards the drawing's centre, so that unconnected parts do not drift apart. */
const gravity = 0.05;
/** Pull of a frame's members towards their centre, so that the frame refitted around them stays compact. */
const frameStrength = 0.3;

/**
 * Force-directed layout (d3-force): edges are springs, nodes repel each other and do not collide. It starts from the
 * current positions, so it refines the drawing rather than replacing it; pinned nodes are fixed bodies the others
 * arrange around. Deterministic: d3-force draws from its own seeded generator, only to separate nodes that coincide.
 * @param gap space wanted between boxes (px).
 * @returns the top-left corner of every node (px, not rounded); the caller keeps pinned nodes in place.
 */
export const layoutForce = (doc: FlowDocument, gap: number): Map<string, Point> => {
  const bodies: Body[] = doc.nodes.map((node) => {
    const { x, y, width, height } = nodeBox(node);
    const centre = { x: x + width / 2, y: y + height / 2 };
    const fixed = node.isPinned === true ? { fx: centre.x, fy: centre.y } : {};
    return { id: node.id, ...centre, ...fixed, width, height, radius: Math.hypot(width, height) / 2 + gap / 2 };
  });
  const byId = new Map(bodies.map((body) => [body.id, body]));
  const springs: Spring[] = doc.edges.flatMap(({ source, target }) => {
    const [from, to] = [byId.get(source), byId.get(target)];
    // A self-loop pulls nothing; an unknown end is reported by validateFlow and would make d3 throw.
    return from && to && from !== to ? [{ source, target, length: from.radius + to.radius + edgeSlack }] : [];
  });
  const centre = { x: mean(bodies.map((body) => body.x ?? 0)), y: mean(bodies.map((body) => body.y ?? 0)) };

  // Built stopped: the ticks run here, synchronously. (d3 still arms its shared timer; it wakes ~17 ms later, finds
  // nothing to run and clears itself.)
  const simulation = forceSimulation(bodies).stop();
  simulation
    .force(
      'edges',
      forceLink<Body, Spring>(springs)
        .id((body) => body.id)
        .distance((spring) => spring.length),
    )
    .force('repulsion', forceManyBody<Body>().strength(repulsion))
    .force('collision', forceCollide<Body>((body) => body.radius).iterations(2))
    .force('gravity-x', forceX<Body>(centre.x).strength(gravity))
    .force('gravity-y', forceY<Body>(centre.y).strength(gravity))
    .force('frames', frameCohesion(doc, byId))
    .tick(ticks);

  return new Map(bodies.map((body) => [body.id, { x: (body.x ?? NaN) - body.width / 2, y: (body.y ?? NaN) - body.height / 2 }]));
};

/** A custom force: see `frameStrength`. */
const frameCohesion = (doc: FlowDocument, byId: ReadonlyMap<string, Body>) => {
  const groups = doc.frames.map((frame) => frame.nodeIds.flatMap((id) => byId.get(id) ?? [])).filter((members) => members.length > 1);
  return (alpha: number): void => {
    for (const members of groups) {
      const centre = { x: mean(members.map((body) => body.x ?? 0)), y: mean(members.map((body) => body.y ?? 0)) };
      for (const body of members) {
        body.vx = (body.vx ?? 0) + (centre.x - (body.x ?? 0)) * frameStrength * alpha;
        body.vy = (body.vy ?? 0) + (centre.y - (body.y ?? 0)) * frameStrength * alpha;
      }
    }
  };
};

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
