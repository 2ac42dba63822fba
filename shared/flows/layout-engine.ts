import type { Point } from './layout-overlaps.ts';
import type { FlowDocument } from './schema.ts';

/**
 * Port: the layout library behind AUTO_LAYOUT (dagre and d3-force in `shared/infra/layout`). Each
 * algorithm returns the top-left corner of every node (px, unrounded); `autoLayout` then keeps pinned
 * nodes, snaps, removes overlaps and refits frames. Pure and deterministic.
 */
export interface LayoutEngine {
  hierarchical: (doc: FlowDocument) => Map<string, Point>;
  /** `gap`: the space to keep between nodes (px). */
  force: (doc: FlowDocument, gap: number) => Map<string, Point>;
}
