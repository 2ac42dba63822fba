import type { FlowDocument } from '../flows/index.ts';

/** Places the nodes `next` has and `base` has not; existing nodes keep their positions. */
export type NodePlacer = (base: FlowDocument, next: FlowDocument) => FlowDocument;

/**
 * A stand-in placer for when no layout engine placer is given: new nodes in a column to the right
 * of everything that exists, in the order they were added, so none overlaps another.
 */
export const placeInColumn: NodePlacer = (base, next) => {
  const existing = new Set(base.nodes.map((node) => node.id));
  const right = Math.max(0, ...base.nodes.map((node) => node.position.x + (node.size?.width ?? 200)));
  const top = Math.min(...base.nodes.map((node) => node.position.y), 0);
  let row = 0;
  return {
    ...next,
    nodes: next.nodes.map((node) => (existing.has(node.id) ? node : { ...node, position: { x: right + 120, y: top + 140 * row++ } })),
  };
};
