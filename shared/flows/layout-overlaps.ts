import { type Box, nodeBox } from './geometry.ts';
import type { FlowNode } from './schema.ts';

export interface Point {
  x: number;
  y: number;
}

/** The smallest multiple of `step` that is ≥ `value` (`step` 1: the next integer). */
export const ceilTo = (value: number, step: number): number => Math.ceil(value / step) * step;

/** Whether two boxes are closer than `gap` on both axes (touching boxes overlap when `gap` > 0). */
const tooClose = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * Moves unpinned nodes until every one of them is at least `gap` px (on one axis) from every other node. Pinned nodes
 * never move, so two pinned nodes that overlap stay overlapping. Deterministic: unpinned nodes are settled from the
 * top-left (by y, then x, then their order in `nodes`); each, while it is too close to a settled node, jumps past that
 * node to the right or downwards, whichever is the shorter move, landing on a multiple of `step` (1 for whole pixels,
 * or the grid size). Both coordinates only grow, so the loop ends.
 */
export const separateNodes = (nodes: readonly FlowNode[], gap: number, step: number): void => {
  const settled = nodes.filter((node) => node.isPinned === true).map(nodeBox);
  const movable = nodes
    .map((node, index) => ({ node, index }))
    .filter(({ node }) => node.isPinned !== true)
    .sort((a, b) => a.node.position.y - b.node.position.y || a.node.position.x - b.node.position.x || a.index - b.index);
  for (const { node } of movable) {
    const box = nodeBox(node);
    const blockerOf = () => settled.find((other) => tooClose(box, other, gap));
    for (let blocker = blockerOf(); blocker !== undefined; blocker = blockerOf()) {
      const right = ceilTo(blocker.x + blocker.width + gap, step);
      const down = ceilTo(blocker.y + blocker.height + gap, step);
      if (right - box.x <= down - box.y) box.x = right;
      else box.y = down;
    }
    node.position = { x: box.x, y: box.y };
    settled.push(box);
  }
};
