import { nodeBox } from './geometry.ts';
import { requireNodes } from './lookup.ts';
import type { OperationOf } from './operation-schema.ts';
import type { FlowDocument, FlowNode } from './schema.ts';

const gridGap = 40;

/**
 * Lines nodes up. Pinned nodes never move; the anchor is the first pinned node of the selection, or else the first node.
 * horizontal: same `y` as the anchor; vertical: same `x`; grid: the unpinned nodes in rows of ⌈√n⌉ from the selection's
 * top-left corner, cells as large as the largest node plus a gap.
 */
export const alignNodes = (doc: FlowDocument, { nodeIds, mode }: OperationOf<'ALIGN_NODES'>): void => {
  const nodes = requireNodes(doc, [...new Set(nodeIds)]);
  const movable = nodes.filter((node) => node.isPinned !== true);
  const anchor = nodes.find((node) => node.isPinned === true) ?? nodes[0];
  if (anchor === undefined) return;
  if (mode === 'horizontal') for (const node of movable) node.position = { x: node.position.x, y: anchor.position.y };
  else if (mode === 'vertical') for (const node of movable) node.position = { x: anchor.position.x, y: node.position.y };
  else arrangeInGrid(movable);
};

const arrangeInGrid = (nodes: FlowNode[]): void => {
  if (nodes.length === 0) return;
  const boxes = nodes.map(nodeBox);
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const cellWidth = Math.max(...boxes.map((box) => box.width)) + gridGap;
  const cellHeight = Math.max(...boxes.map((box) => box.height)) + gridGap;
  const columns = Math.ceil(Math.sqrt(nodes.length));
  nodes.forEach((node, index) => {
    node.position = { x: left + (index % columns) * cellWidth, y: top + Math.floor(index / columns) * cellHeight };
  });
};
