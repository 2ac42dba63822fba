import type { NodeType } from './node-schema.ts';
import type { FlowDocument, FlowEdge, FlowNode } from './schema.ts';

/** Opening and closing delimiters of each node type's Mermaid shape. */
const shapes: Record<NodeType, readonly [string, string]> = {
  start: ['([', '])'], // stadium
  end: ['([', '])'],
  screen: ['[', ']'], // rectangle
  popup: ['[[', ']]'], // subroutine
  decision: ['{', '}'], // rhombus
  condition: ['{', '}'],
  action: ['(', ')'], // rounded rectangle
  'api-call': ['[/', '/]'], // parallelogram
  component: ['{{', '}}'], // hexagon
  subflow: ['[\\', '\\]'], // alternative parallelogram
  note: ['>', ']'], // asymmetric
};

// Characters that would end a label or start Mermaid syntax, written as Mermaid entity codes; `#` first so codes stay intact.
const entities: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '[': '#91;',
  ']': '#93;',
  '(': '#40;',
  ')': '#41;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  ';': '#59;',
  '`': '#96;',
};

/** Text safe inside a quoted Mermaid label: special characters as entity codes, line breaks as spaces. */
export const escapeMermaidLabel = (text: string): string =>
  text.replace(/\r\n?|\n/g, ' ').replace(/[#"[\](){}|<>&;`]/g, (char) => entities[char] ?? char);

const edgeText = (edge: FlowEdge): string => [edge.label, edge.trigger].filter((part) => part !== undefined && part !== '').join(' · ');

/**
 * The flow as a Mermaid `flowchart TD`: frames as `subgraph` blocks holding their nodes, then the other nodes, then
 * the edges labelled with their label and trigger (dotted when animated). Mermaid ids are positional (`n1`, `f1`)
 * because document ids may be Mermaid keywords such as `end`. Deterministic: the same document gives the same text.
 */
export const toMermaid = (doc: FlowDocument): string => {
  const ids = new Map(doc.nodes.map((node, index) => [node.id, `n${index + 1}`]));
  const nodeLine = (node: FlowNode, indent: string): string => {
    const [open, close] = shapes[node.type];
    return `${indent}${ids.get(node.id)}${open}"${escapeMermaidLabel(node.title)}"${close}`;
  };
  const lines = ['flowchart TD'];
  const framed = new Set<string>();
  doc.frames.forEach((frame, index) => {
    lines.push(`  subgraph f${index + 1}["${escapeMermaidLabel(frame.title)}"]`);
    for (const node of doc.nodes) {
      if (!frame.nodeIds.includes(node.id) || framed.has(node.id)) continue;
      framed.add(node.id);
      lines.push(nodeLine(node, '    '));
    }
    lines.push('  end');
  });
  for (const node of doc.nodes) if (!framed.has(node.id)) lines.push(nodeLine(node, '  '));
  for (const edge of doc.edges) {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (source === undefined || target === undefined) continue; // an invalid document; nothing sensible to draw
    const arrow = edge.animated === true ? '-.->' : '-->';
    const text = edgeText(edge);
    lines.push(`  ${source} ${arrow}${text === '' ? '' : `|"${escapeMermaidLabel(text)}"|`} ${target}`);
  }
  return `${lines.join('\n')}\n`;
};
