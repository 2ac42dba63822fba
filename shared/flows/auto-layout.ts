import { rejectOperation } from './errors.ts';
import { boundingBox } from './geometry.ts';
import type { LayoutEngine } from './layout-engine.ts';
import { type Point, ceilTo, separateNodes } from './layout-overlaps.ts';
import type { OperationOf } from './operation-schema.ts';
import type { FlowDocument } from './schema.ts';

/**
 * Layout runs inside the request: dagre takes about 3 s for a realistic 1,000-node flow on one core (more for
 * dense graphs). Larger flows (enterprise allows 5,000) need a background layout job, which is not built.
 */
export const maxLayoutNodes = 1000;

/** Space kept between nodes once laid out (px). */
const nodeGap = 20;
/** Space between a frame and its nodes (px); GROUP_NODES uses the same. */
const framePadding = 24;

/**
 * Lays the whole flow out: `hierarchical` ranks nodes top to bottom along the edges (dagre), `force` lets edges pull
 * and nodes push (d3-force, starting from the current drawing). Then, in order:
 * - pinned nodes (`isPinned`) keep their exact position; the others get whole-pixel coordinates, snapped to
 *   `globalSettings.gridSize` when `snapToGrid` is on (both must be set);
 * - no unpinned node overlaps another node: those still too close are pushed right or down, by grid steps when snapping
 *   (see `separateNodes`). Two pinned nodes that already overlap are left so: they are pinned;
 * - every frame with members is moved and resized to enclose them with padding (outwards to the grid when snapping);
 *   a frame without members stays as it is. Frames may then cover nodes that are not theirs.
 * @throws OperationRuleError LAYOUT_TOO_LARGE above `maxLayoutNodes` nodes; LAYOUT_UNAVAILABLE without an engine.
 * Deterministic: the same document always gives the same positions. Edges, ids and every other field are untouched.
 */
export const autoLayout = (doc: FlowDocument, { algorithm }: OperationOf<'AUTO_LAYOUT'>, engine: LayoutEngine | undefined): void => {
  if (engine === undefined)
    return rejectOperation('LAYOUT_UNAVAILABLE', 'AUTO_LAYOUT needs the layout engine, which this caller did not load.');
  if (doc.nodes.length === 0) return;
  if (doc.nodes.length > maxLayoutNodes) {
    rejectOperation('LAYOUT_TOO_LARGE', `AUTO_LAYOUT handles flows of up to ${maxLayoutNodes} nodes; this one has ${doc.nodes.length}.`);
  }
  const { gridSize, snapToGrid } = doc.metadata.globalSettings ?? {};
  const step = snapToGrid === true && gridSize !== undefined ? gridSize : 1;
  const computed = algorithm === 'hierarchical' ? engine.hierarchical(doc) : engine.force(doc, nodeGap);
  for (const node of doc.nodes) {
    if (node.isPinned === true) continue;
    const at = computed.get(node.id);
    const target = at !== undefined && isFinitePoint(at) ? at : node.position;
    node.position = { x: roundTo(target.x, step), y: roundTo(target.y, step) };
  }
  separateNodes(doc.nodes, nodeGap, step);
  fitFrames(doc, step);
};

const isFinitePoint = (point: Point): boolean => Number.isFinite(point.x) && Number.isFinite(point.y);

// `+ 0` turns -0 into 0, which JSON would print as 0 anyway but deep equality would not.
const roundTo = (value: number, step: number): number => Math.round(value / step) * step + 0;
const floorTo = (value: number, step: number): number => Math.floor(value / step) * step + 0;

const fitFrames = (doc: FlowDocument, step: number): void => {
  const nodes = new Map(doc.nodes.map((node) => [node.id, node]));
  for (const frame of doc.frames) {
    const members = frame.nodeIds.flatMap((id) => nodes.get(id) ?? []);
    if (members.length === 0) continue;
    const box = boundingBox(members, framePadding);
    const position = { x: floorTo(box.x, step), y: floorTo(box.y, step) };
    frame.position = position;
    frame.size = { width: ceilTo(box.x + box.width, step) - position.x, height: ceilTo(box.y + box.height, step) - position.y };
  }
};
