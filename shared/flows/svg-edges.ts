import type { Box } from './geometry.ts';
import { num } from './svg-markup.ts';

export interface Point {
  x: number;
  y: number;
}

/** A node as the edge router sees it. */
export interface Placed {
  box: Box;
  isDiamond: boolean;
}

/** An edge's path data, where its label's centre sits, and points it reaches outside its end nodes (for the view box). */
export interface Route {
  d: string;
  label: Point;
  reach: Point[];
}

const center = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
const at = (point: Point): string => `${num(point.x)} ${num(point.y)}`;

/** Where the ray from the node's centre towards `toward` leaves its outline (the diamond for decisions, else its box). */
const borderPoint = ({ box, isDiamond }: Placed, toward: Point): Point => {
  const from = center(box);
  const [dx, dy, halfWidth, halfHeight] = [toward.x - from.x, toward.y - from.y, box.width / 2, box.height / 2];
  if (dx === 0 && dy === 0) return from;
  const t = isDiamond
    ? 1 / (Math.abs(dx) / halfWidth + Math.abs(dy) / halfHeight)
    : Math.min(dx === 0 ? Infinity : halfWidth / Math.abs(dx), dy === 0 ? Infinity : halfHeight / Math.abs(dy));
  return { x: from.x + dx * t, y: from.y + dy * t };
};

/** Whether the segment from `a` to `b` passes through `box` (Liang–Barsky clipping). */
const crosses = (a: Point, b: Point, box: Box): boolean => {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const sides: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  let [enter, leave] = [0, 1];
  for (const [p, q] of sides) {
    if (p === 0 && q < 0) return false;
    if (p < 0) enter = Math.max(enter, q / p);
    if (p > 0) leave = Math.min(leave, q / p);
  }
  return enter <= leave;
};

/**
 * How far the edge's middle bends to its right (negative: to its left): just past the nodes a straight line would cross, on
 * whichever side is nearer; a little when the opposite edge exists, so that the pair does not overlap; else not at all.
 */
const bendOf = (a: Point, b: Point, blockers: readonly Box[], hasReverse: boolean): { normal: Point; bend: number } => {
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
  const hit = blockers.filter((box) => crosses(a, b, box));
  if (hit.length === 0) return { normal, bend: hasReverse ? 20 : 0 };
  const corners = hit.flatMap((box) => [box.x, box.x + box.width].flatMap((x) => [box.y, box.y + box.height].map((y) => ({ x, y }))));
  const offsets = corners.map((corner) => (corner.x - a.x) * normal.x + (corner.y - a.y) * normal.y);
  const [right, left] = [Math.max(...offsets) + 20, Math.min(...offsets) - 20];
  return { normal, bend: right <= -left ? right : left };
};

/** A small loop on the node's right side, its label to the right of the loop. */
export const selfLoop = ({ box }: Placed, labelWidth: number): Route => {
  const [x, y] = [box.x + box.width, box.y + box.height / 2];
  const d = `M${at({ x, y: y - 12 })} C${at({ x: x + 40, y: y - 36 })} ${at({ x: x + 40, y: y + 36 })} ${at({ x, y: y + 12 })}`;
  return { d, label: { x: x + 36 + labelWidth / 2, y }, reach: [{ x: x + 40, y: y - 36 }] };
};

/**
 * From the source's border to the target's: a straight line, or a quadratic curve bent around `blockers` (the other nodes'
 * boxes) it would cross and away from an opposite edge.
 */
export const routeEdge = (source: Placed, target: Placed, blockers: readonly Box[], hasReverse: boolean): Route => {
  const [a, b] = [center(source.box), center(target.box)];
  const { normal, bend } = bendOf(a, b, blockers, hasReverse);
  if (bend === 0) {
    const [start, end] = [borderPoint(source, b), borderPoint(target, a)];
    return { d: `M${at(start)} L${at(end)}`, label: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }, reach: [] };
  }
  // A quadratic curve's middle lies halfway to its control point, so the control point sits twice the bend away.
  const control = { x: (a.x + b.x) / 2 + 2 * bend * normal.x, y: (a.y + b.y) / 2 + 2 * bend * normal.y };
  const [start, end] = [borderPoint(source, control), borderPoint(target, control)];
  const label = { x: (start.x + end.x) / 4 + control.x / 2, y: (start.y + end.y) / 4 + control.y / 2 };
  return { d: `M${at(start)} Q${at(control)} ${at(end)}`, label, reach: [label] };
};
