import type { Box } from './geometry.ts';
import type { NodeType } from './node-schema.ts';
import type { FlowFrame, FlowNode } from './schema.ts';
import { type Attributes, charsFitting, el, escapeXml, points, safeColor, truncate } from './svg-markup.ts';

/** Colours of one theme. */
export interface Palette {
  background: string;
  nodeFill: string;
  noteFill: string;
  text: string;
  edge: string;
  frameFill: string;
  frameStroke: string;
  labelFill: string;
}

export const palettes: Record<'light' | 'dark', Palette> = {
  light: {
    background: '#ffffff',
    nodeFill: '#f8fafc',
    noteFill: '#fef9c3',
    text: '#0f172a',
    edge: '#64748b',
    frameFill: '#f1f5f9',
    frameStroke: '#94a3b8',
    labelFill: '#ffffff',
  },
  dark: {
    background: '#0f172a',
    nodeFill: '#1e293b',
    noteFill: '#422006',
    text: '#e2e8f0',
    edge: '#94a3b8',
    frameFill: '#111827',
    frameStroke: '#475569',
    labelFill: '#0f172a',
  },
};

/** Outline colour of each type unless the node's style or persona gives one. */
const accents: Record<NodeType, string> = {
  start: '#16a34a',
  end: '#dc2626',
  screen: '#2563eb',
  popup: '#7c3aed',
  decision: '#d97706',
  condition: '#d97706',
  action: '#0891b2',
  'api-call': '#db2777',
  component: '#4f46e5',
  subflow: '#0d9488',
  note: '#ca8a04',
};

interface Paint extends Attributes {
  fill: string;
  stroke: string;
}

/** A type's outline, and how far its label keeps from the left and right edges. */
interface Shape {
  outline: (b: Box, paint: Paint) => string[];
  inset: (b: Box) => number;
}

const polygon = (coordinates: readonly number[], paint: Attributes): string => el('polygon', { points: points(coordinates), ...paint });
const rect = (b: Box, paint: Paint, rx: number): string => el('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx, ...paint });
const shrink = (b: Box, by: number): Box => ({ x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by });
const sides = (b: Box) => ({ ...b, r: b.x + b.width, b: b.y + b.height, cx: b.x + b.width / 2, cy: b.y + b.height / 2 });

const pill: Shape = { outline: (b, p) => [rect(b, p, b.height / 2)], inset: (b) => b.height / 4 };
const diamond: Shape = {
  outline: (box, p) => {
    const { x, y, r, b, cx, cy } = sides(box);
    return [polygon([cx, y, r, cy, cx, b, x, cy], p)];
  },
  // The diamond's width at half a text line (8 units) above or below its middle, less a little padding.
  inset: (b) => (b.width * 8) / b.height + 8,
};

const shapes: Record<NodeType, Shape> = {
  start: pill,
  end: {
    outline: (b, p) => [rect(b, p, b.height / 2), rect(shrink(b, 4), { ...p, fill: 'none' }, b.height / 2 - 4)],
    inset: (b) => b.height / 4 + 4,
  },
  screen: { outline: (b, p) => [rect(b, p, 4)], inset: () => 8 },
  popup: { outline: (b, p) => [rect(b, p, 4), rect(shrink(b, 4), { ...p, fill: 'none' }, 2)], inset: () => 12 },
  decision: diamond,
  condition: diamond,
  action: { outline: (b, p) => [rect(b, p, 14)], inset: () => 12 },
  'api-call': {
    outline: (box, p) => {
      const { x, y, r, b } = sides(box);
      return [polygon([x + 14, y, r, y, r - 14, b, x, b], p)];
    },
    inset: () => 20,
  },
  component: {
    outline: (box, p) => {
      const { x, y, r, b, cy } = sides(box);
      return [polygon([x + 16, y, r - 16, y, r, cy, r - 16, b, x + 16, b, x, cy], p)];
    },
    inset: () => 20,
  },
  subflow: {
    outline: (box, p) => {
      const { x, y, r, b } = sides(box);
      return [rect(box, p, 0), ...[x + 10, r - 10].map((at) => el('line', { x1: at, y1: y, x2: at, y2: b, stroke: p.stroke }))];
    },
    inset: () => 16,
  },
  note: {
    outline: (box, p) => {
      const { x, y, r, b } = sides(box);
      return [
        polygon([x, y, r - 14, y, r, y + 14, r, b, x, b], p),
        el('polyline', { points: points([r - 14, y, r - 14, y + 14, r, y + 14]), fill: 'none', stroke: p.stroke }),
      ];
    },
    inset: () => 10,
  },
};

/**
 * One node as a `<g>`: its full title as a tooltip, the outline of its type, and the title truncated to fit. Colours come from
 * `style.backgroundColor`, `style.borderColor` (else `personaColor`) and `style.color` when they are hex colours.
 */
export const nodeSvg = (node: FlowNode, box: Box, palette: Palette, personaColor: unknown): string => {
  const shape = shapes[node.type];
  const fill = safeColor(node.style?.backgroundColor, node.type === 'note' ? palette.noteFill : palette.nodeFill);
  const stroke = safeColor(node.style?.borderColor, safeColor(personaColor, accents[node.type]));
  const { cx, cy } = sides(box);
  const label = escapeXml(truncate(node.title, charsFitting(box.width - 2 * shape.inset(box))));
  const color = safeColor(node.style?.color, palette.text);
  const text = el('text', { x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: color }, label);
  const outline = shape.outline(box, { fill, stroke, 'stroke-width': 1.5 });
  return ['<g class="node">', `<title>${escapeXml(node.title)}</title>`, ...outline, text, '</g>'].join('\n');
};

/** A frame as a dashed rectangle with its title in the top-left corner; colours as for nodes. */
export const frameSvg = (frame: FlowFrame, palette: Palette): string => {
  const { x, y } = frame.position;
  const { width, height } = frame.size;
  const [fill, stroke] = [
    safeColor(frame.style?.backgroundColor, palette.frameFill),
    safeColor(frame.style?.borderColor, palette.frameStroke),
  ];
  const title = escapeXml(truncate(frame.title, charsFitting(width - 20)));
  const color = safeColor(frame.style?.color, palette.text);
  const rectangle = el('rect', { x, y, width, height, rx: 8, fill, stroke, 'stroke-dasharray': '6 4' });
  return ['<g class="frame">', rectangle, el('text', { x: x + 10, y: y + 18, 'font-weight': 'bold', fill: color }, title), '</g>'].join(
    '\n',
  );
};
