import { nodeBox, type Box } from '../../../shared/flows/geometry.ts';
import type { FlowDocument } from '../../../shared/flows/index.ts';

export const closer = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
export const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** Pairs with a new node in them whose boxes come closer than `gap` (20 px: what placement keeps). */
export const crowdedPairs = (doc: FlowDocument, fresh: ReadonlySet<string>, gap = 20): string[] =>
  doc.nodes.flatMap((a, i) =>
    doc.nodes
      .slice(i + 1)
      .filter((b) => (fresh.has(a.id) || fresh.has(b.id)) && closer(nodeBox(a), nodeBox(b), gap))
      .map((b) => `${a.id}/${b.id}`),
  );
