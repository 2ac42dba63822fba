import { type Box, nodeBox } from './geometry.ts';
import type { FlowDocument, FlowEdge } from './schema.ts';
import { type Placed, routeEdge, selfLoop } from './svg-edges.ts';
import { el, escapeXml, num, openTag, textWidth, truncate } from './svg-markup.ts';
import { frameSvg, nodeSvg, palettes } from './svg-shapes.ts';

const margin = 32;
const labelHeight = 18;
const arrowId = 'uxflow-arrow';

/** The label, else the trigger, else nothing; at most 32 characters. */
const edgeText = (edge: FlowEdge): string => truncate(edge.label?.trim() ? edge.label : (edge.trigger ?? ''), 32);

/** The smallest box around `boxes` (an empty box at the origin when there are none). */
const union = (boxes: readonly Box[]): Box => {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const [left, top] = [Math.min(...boxes.map((box) => box.x)), Math.min(...boxes.map((box) => box.y))];
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  return { x: left, y: top, width: right - left, height: Math.max(...boxes.map((box) => box.y + box.height)) - top };
};

/** Each drawable edge (both ends exist) with its route, its label text and the label's background box. */
const layoutEdges = (doc: FlowDocument, placed: ReadonlyMap<string, Placed>) => {
  const pairs = new Set(doc.edges.map((edge) => `${edge.source} ${edge.target}`));
  return doc.edges.flatMap((edge) => {
    const [source, target] = [placed.get(edge.source), placed.get(edge.target)];
    if (source === undefined || target === undefined) return []; // an invalid document; nothing sensible to draw
    const text = edgeText(edge);
    const width = text === '' ? 0 : textWidth(text) + 10;
    const blockers = [...placed].filter(([id]) => id !== edge.source && id !== edge.target).map(([, other]) => other.box);
    const hasReverse = pairs.has(`${edge.target} ${edge.source}`);
    const route = edge.source === edge.target ? selfLoop(source, width) : routeEdge(source, target, blockers, hasReverse);
    const box = { x: route.label.x - width / 2, y: route.label.y - labelHeight / 2, width, height: labelHeight };
    return [{ edge, route, text, box }];
  });
};

/**
 * The flow drawn as a standalone SVG 1.1 document (UTF-8, with an XML declaration). Back to front: a background, frames
 * (dashed, titled), edges (from the source's border to the target's with an arrowhead, curved around nodes in the way,
 * self-loops as small loops, dashed when animated), nodes shaped by type (the default size when they have none) with their
 * titles truncated to fit, and edge labels (the label, else the trigger) at the edges' middles. The view box covers
 * everything with a 32-unit margin, negative coordinates included; `metadata.globalSettings.theme: 'dark'` switches palette.
 *
 * Safe to serve: every document text is XML-escaped (characters XML cannot carry are dropped), document colours are used
 * only when they are hex colours, and there is no script or external reference. Deterministic: numbers are rounded to one
 * decimal, so the same document gives the same string. Never throws; edges naming a missing node are skipped.
 */
export const exportSvg = (doc: FlowDocument): string => {
  const palette = palettes[doc.metadata.globalSettings?.theme === 'dark' ? 'dark' : 'light'];
  const personaColors = new Map((doc.metadata.personas ?? []).map((persona) => [persona.id, persona.color]));
  const isDiamond = (type: string): boolean => type === 'decision' || type === 'condition';
  const placed = new Map(doc.nodes.map((node): [string, Placed] => [node.id, { box: nodeBox(node), isDiamond: isDiamond(node.type) }]));
  const edges = layoutEdges(doc, placed);
  const content = union([
    ...doc.frames.map((frame) => ({ ...frame.position, ...frame.size })),
    ...doc.nodes.map(nodeBox),
    ...edges.flatMap(({ route, box }) => [box, ...route.reach.map((point) => ({ ...point, width: 0, height: 0 }))]),
  ]);
  const [x, y, width, height] = [content.x - margin, content.y - margin, content.width + 2 * margin, content.height + 2 * margin];
  const viewBox = [x, y, width, height].map(num).join(' ');
  const arrow = { id: arrowId, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' };
  const edgePath = ({ edge, route }: (typeof edges)[number]): string => {
    const dash = edge.animated === true ? '6 4' : undefined;
    const paint = { fill: 'none', stroke: palette.edge, 'stroke-width': 1.5, 'stroke-dasharray': dash };
    return el('path', { d: route.d, ...paint, 'marker-end': `url(#${arrowId})` });
  };
  const edgeLabel = ({ route, text, box }: (typeof edges)[number]): string => {
    const background = el('rect', { ...box, rx: 4, fill: palette.labelFill, 'fill-opacity': 0.9 });
    const label = el(
      'text',
      { ...route.label, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: palette.text },
      escapeXml(text),
    );
    return ['<g class="edge-label">', background, label, '</g>'].join('\n');
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    openTag('svg', {
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      viewBox,
      width,
      height,
      'font-family': 'sans-serif',
      'font-size': 12,
    }),
    `<title>${escapeXml(doc.metadata.flowName)}</title>`,
    `<defs>${el('marker', arrow, el('path', { d: 'M0 0 L10 5 L0 10 Z', fill: palette.edge }))}</defs>`,
    el('rect', { x, y, width, height, fill: palette.background }),
    ...doc.frames.map((frame) => frameSvg(frame, palette)),
    ...edges.map(edgePath),
    ...doc.nodes.map((node) => nodeSvg(node, nodeBox(node), palette, personaColors.get(node.personaIds?.[0] ?? ''))),
    ...edges.filter(({ text }) => text !== '').map(edgeLabel),
    '</svg>',
    '',
  ].join('\n');
};
