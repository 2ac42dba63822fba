import type { Box } from './geometry.ts';
import type { Point } from './layout-overlaps.ts';

/** Least space kept between a placed node and anything else (px), as AUTO_LAYOUT keeps. */
export const clearance = 20;
/** Space between a node and the next one along the flow, and between siblings (px), as the hierarchical layout uses. */
export const rankGap = 80;
export const siblingGap = 60;
/** Space between a frame's edge and its nodes (px), as GROUP_NODES and AUTO_LAYOUT use. */
export const framePadding = 24;

/** Down the page (the hierarchical layout's direction) or left to right. */
export type FlowDirection = 'down' | 'right';

export const tooClose = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** Whether `inner` lies inside `outer` with `padding` to spare on every side. */
export const isInside = (inner: Box, outer: Box, padding: number): boolean =>
  inner.x >= outer.x + padding &&
  inner.y >= outer.y + padding &&
  inner.x + inner.width <= outer.x + outer.width - padding &&
  inner.y + inner.height <= outer.y + outer.height - padding;

/** The smallest box holding both. */
export const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

export const grown = (box: Box, by: number): Box => ({
  x: box.x - by,
  y: box.y - by,
  width: box.width + 2 * by,
  height: box.height + 2 * by,
});

/** Sibling slots tried on each side of the target, and ranks tried along the flow, before the last resort. */
const sideSlots = 8;
const ranks = 12;

/**
 * Where a node of `size` may go near `target`, best first: the target, then sibling slots alternately
 * after and before it across the flow, then the same one rank further along `step` (+1 down/right of
 * a predecessor, -1 up/left of a successor). Coordinates are snapped to `grid` (1: whole pixels).
 */
export const candidatesNear = (
  target: Point,
  size: { width: number; height: number },
  direction: FlowDirection,
  step: 1 | -1,
  grid: number,
): Point[] => {
  const across = direction === 'down' ? size.width + siblingGap : size.height + siblingGap;
  const along = direction === 'down' ? size.height + rankGap : size.width + rankGap;
  const snap = (value: number) => Math.round(value / grid) * grid + 0;
  const out: Point[] = [];
  for (let rank = 0; rank < ranks; rank += 1) {
    for (let slot = 0; slot <= 2 * sideSlots; slot += 1) {
      const side = slot === 0 ? 0 : (slot % 2 === 1 ? 1 : -1) * Math.ceil(slot / 2);
      const [dx, dy] = direction === 'down' ? [side * across, step * rank * along] : [step * rank * along, side * across];
      out.push({ x: snap(target.x + dx), y: snap(target.y + dy) });
    }
  }
  return out;
};

/** A spot that is free whatever else is there: past the far edge of everything, along the flow. */
export const pastEverything = (all: readonly Box[], direction: FlowDirection, grid: number): Point => {
  const ceil = (value: number) => Math.ceil(value / grid) * grid + 0;
  if (all.length === 0) return { x: 0, y: 0 };
  const left = Math.min(...all.map((box) => box.x));
  const top = Math.min(...all.map((box) => box.y));
  const right = Math.max(...all.map((box) => box.x + box.width));
  const bottom = Math.max(...all.map((box) => box.y + box.height));
  return direction === 'down' ? { x: ceil(left), y: ceil(bottom + rankGap) } : { x: ceil(right + rankGap), y: ceil(top) };
};
