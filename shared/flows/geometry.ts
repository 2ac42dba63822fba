import type { FlowNode } from './schema.ts';

/** Size assumed for a node that has none (the editor's default card). */
export const defaultNodeSize = { width: 200, height: 80 } as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const nodeBox = (node: FlowNode): Box => ({ ...node.position, ...(node.size ?? defaultNodeSize) });

/** The smallest box around `nodes`, grown by `padding` on each side. `nodes` must not be empty. */
export const boundingBox = (nodes: readonly FlowNode[], padding = 0): Box => {
  const boxes = nodes.map(nodeBox);
  const left = Math.min(...boxes.map((box) => box.x)) - padding;
  const top = Math.min(...boxes.map((box) => box.y)) - padding;
  const right = Math.max(...boxes.map((box) => box.x + box.width)) + padding;
  const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + padding;
  return { x: left, y: top, width: right - left, height: bottom - top };
};
