import * as dagre from '@dagrejs/dagre';
import { nodeBox } from '../../flows/geometry.ts';
import type { Point } from '../../flows/layout-overlaps.ts';
import type { FlowDocument } from '../../flows/schema.ts';

/**
 * The part of dagre used here. dagre 3.1.3 ships declarations whose relative imports have no file extension, which
 * NodeNext cannot resolve: everything it exports reads as `any` (hidden by skipLibCheck), hence this typed view.
 */
interface LayeredGraph {
  setGraph(label: { rankdir: 'TB'; nodesep: number; ranksep: number }): void;
  setNode(id: string, label: { width?: number; height?: number }): void;
  setParent(id: string, parent: string): void;
  setEdge(source: string, target: string, label: object, name: string): void;
  /** After `layout`: the centre of the node (px). */
  node(id: string): { x: number; y: number; width: number; height: number } | undefined;
}
const { Graph, layout } = dagre as {
  Graph: new (options: { multigraph: boolean; compound: boolean }) => LayeredGraph;
  layout: (graph: LayeredGraph) => void;
};

/** Space between neighbours of one rank, and between ranks (px). */
const nodeSeparation = 60;
const rankSeparation = 80;

// Node ids cannot contain ':' (flowIdPattern), so cluster ids never clash with them.
const clusterId = (frameId: string) => `frame:${frameId}`;

/**
 * Top-to-bottom layered layout (dagre): every edge points down where the graph allows it, cycles are broken by dagre.
 * Each frame's members form a cluster, so frames do not interleave. All nodes take part, pinned ones included, so that
 * ranks follow the edges through them; the result is then shifted so that the pinned nodes land, on average, where
 * they are (or, with none pinned, so that the layout starts at the top-left corner of the current drawing).
 * @returns the top-left corner of every node (px, not rounded); the caller keeps pinned nodes in place.
 */
export const layoutHierarchical = (doc: FlowDocument): Map<string, Point> => {
  const graph = new Graph({ multigraph: true, compound: true });
  graph.setGraph({ rankdir: 'TB', nodesep: nodeSeparation, ranksep: rankSeparation });
  const ids = new Set(doc.nodes.map((node) => node.id));
  for (const node of doc.nodes) {
    const { width, height } = nodeBox(node);
    graph.setNode(node.id, { width, height });
  }
  for (const frame of doc.frames) {
    const members = frame.nodeIds.filter((id) => ids.has(id));
    if (members.length === 0) continue;
    graph.setNode(clusterId(frame.id), {});
    for (const id of members) graph.setParent(id, clusterId(frame.id));
  }
  for (const edge of doc.edges) {
    // An unknown end would make graphlib invent a node without a size; validateFlow reports such edges anyway.
    if (ids.has(edge.source) && ids.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  layout(graph);

  const placed = new Map<string, Point>();
  for (const node of doc.nodes) {
    const label = graph.node(node.id);
    if (label !== undefined) placed.set(node.id, { x: label.x - label.width / 2, y: label.y - label.height / 2 });
  }
  const shift = offsetToCurrent(doc, placed);
  for (const point of placed.values()) {
    point.x += shift.x;
    point.y += shift.y;
  }
  return placed;
};

/** The translation that brings the computed layout back to where the drawing is. */
const offsetToCurrent = (doc: FlowDocument, placed: ReadonlyMap<string, Point>): Point => {
  const pinned = doc.nodes.filter((node) => node.isPinned === true);
  if (pinned.length > 0) {
    const mean = (pick: (node: (typeof pinned)[number], at: Point) => number) =>
      pinned.reduce((sum, node) => sum + pick(node, placed.get(node.id) ?? node.position), 0) / pinned.length;
    return { x: mean((node, at) => node.position.x - at.x), y: mean((node, at) => node.position.y - at.y) };
  }
  const minimum = (values: number[]) => Math.min(...values);
  const computed = [...placed.values()];
  return {
    x: minimum(doc.nodes.map((node) => node.position.x)) - minimum(computed.map((point) => point.x)),
    y: minimum(doc.nodes.map((node) => node.position.y)) - minimum(computed.map((point) => point.y)),
  };
};
