import { defaultNodeSize } from '../geometry.ts';
import type { ReportBuilder } from './report.ts';

interface Placeable {
  id: string;
  type: string;
  position?: { x: number; y: number };
  size?: { width: number; height: number };
}

const gap = { x: 60, y: 100 };
const grid = 20;
const onGrid = (value: number) => Math.ceil(value / grid) * grid;

/** Each node's layer: its distance along edges from a start node (other components start their own walk at 0). */
const layers = (nodes: readonly Placeable[], edges: readonly { source: string; target: string }[]): Map<string, number> => {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const layer = new Map<string, number>();
  const walk = (seeds: string[]) => {
    let level = seeds.filter((id) => !layer.has(id));
    level.forEach((id) => layer.set(id, 0));
    for (let depth = 1; level.length > 0; depth++) {
      level = level.flatMap((id) => (next.get(id) ?? []).filter((target) => !layer.has(target)));
      level = [...new Set(level)];
      level.forEach((id) => layer.set(id, depth));
    }
  };
  walk(nodes.filter((node) => node.type === 'start').map((node) => node.id));
  for (const node of nodes) if (!layer.has(node.id)) walk([node.id]);
  return layer;
};

/**
 * Gives every node without a position one (reported): layer by layer from the start, top to bottom, in a grid
 * below the nodes that have positions, so no placed node covers another. Deterministic; mutates `nodes`.
 */
export const placeMissing = (nodes: Placeable[], edges: readonly { source: string; target: string }[], report: ReportBuilder): void => {
  const missing = nodes.filter((node) => node.position === undefined);
  if (missing.length === 0) return;
  const placed = nodes.filter((node) => node.position !== undefined);
  const origin =
    placed.length === 0
      ? { x: 0, y: 0 }
      : {
          x: Math.min(...placed.map((node) => node.position!.x)),
          y: onGrid(Math.max(...placed.map((node) => node.position!.y + (node.size ?? defaultNodeSize).height)) + gap.y),
        };
  const sizes = missing.map((node) => node.size ?? defaultNodeSize);
  const pitch = { x: Math.max(...sizes.map((size) => size.width)) + gap.x, y: Math.max(...sizes.map((size) => size.height)) + gap.y };
  const layer = layers(nodes, edges);
  // Only the layers that have a node to place get a row, so the placed block has no empty rows.
  const rows = [...new Set(missing.map((node) => layer.get(node.id) ?? 0))].sort((a, b) => a - b);
  const used = new Map<number, number>();
  for (const node of missing) {
    const row = rows.indexOf(layer.get(node.id) ?? 0);
    const column = used.get(row) ?? 0;
    used.set(row, column + 1);
    node.position = { x: origin.x + column * onGrid(pitch.x), y: origin.y + row * onGrid(pitch.y) };
    report.add('NODE_LAID_OUT', 'nodes[].position', 'missing; placed by the import (layer by layer from the start)', node.id);
  }
};
