import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportSvg } from '../../../shared/flows/export-svg.ts';
import { defaultNodeSize } from '../../../shared/flows/geometry.ts';
import type { FlowDocument } from '../../../shared/flows/index.ts';
import { validFlow } from './fixtures.ts';

const golden = (name: string): string => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

const strayAmpersand = /&(?!(?:amp|lt|gt|quot|apos);)/;

/** The problems that make `xml` not well-formed XML (no DOM in Node): unbalanced tags, one root, quoted unique attributes, entities. */
const xmlProblems = (xml: string): string[] => {
  // Sticky expressions keep their position, so each call makes its own.
  const [tag, text] = [/<(\/?)([A-Za-z][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>/y, /[^<]+/y];
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '').trimEnd();
  const [open, problems] = [[] as string[], [] as string[]];
  let [at, roots] = [0, 0];
  while (at < body.length) {
    tag.lastIndex = text.lastIndex = at;
    const match = tag.exec(body);
    if (match === null) {
      const chars = text.exec(body)?.[0];
      if (chars === undefined) return [...problems, `no tag or text at ${at}`];
      if (open.length === 0 || strayAmpersand.test(chars) || chars.includes('>')) problems.push(`bad text ${chars}`);
      at = text.lastIndex;
      continue;
    }
    const [, closing, name = '', attributes = '', selfClosing] = match;
    const names = [...attributes.matchAll(/([\w.:-]+)="([^"]*)"/g)].map(([, key = '', value = '']) => {
      if (strayAmpersand.test(value) || value.includes('>')) problems.push(`bad attribute ${key}`);
      return key;
    });
    if (new Set(names).size !== names.length) problems.push(`repeated attribute on ${name}`);
    if (closing === '/' && open.pop() !== name) problems.push(`unexpected </${name}>`);
    if (closing === '' && open.length === 0) roots += 1;
    if (closing === '' && selfClosing === '') open.push(name);
    at = tag.lastIndex;
  }
  return [...problems, ...(open.length > 0 ? [`unclosed ${open.join(', ')}`] : []), ...(roots !== 1 ? [`${roots} roots`] : [])];
};

const viewBoxOf = (svg: string): { x: number; y: number; right: number; bottom: number } => {
  const [x = NaN, y = NaN, width = NaN, height = NaN] = (/viewBox="([^"]*)"/.exec(svg)?.[1] ?? '').split(' ').map(Number);
  return { x, y, right: x + width, bottom: y + height };
};

const escaped = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Element and attribute names only: attribute values and text blanked. */
const markupOf = (svg: string): string => svg.replace(/"[^"]*"/g, '""').replace(/>[^<]*</g, '><');

const malicious = ['<script>alert(1)</script>', '"onload="alert(1)', "' onmouseover='alert(1)", 'a & b ]]> <!-- c'];

const withText = (value: string): FlowDocument => {
  const doc = validFlow();
  doc.metadata.flowName = value;
  doc.nodes[1]!.title = value;
  doc.frames[0]!.title = value;
  doc.edges[0]!.label = value;
  return doc;
};

const onlyStart = (): FlowDocument => ({ ...validFlow(), nodes: [validFlow().nodes[0]!], edges: [], frames: [] });

describe('exportSvg', () => {
  it('should match the golden file byte for byte when the login fixture is exported', () => {
    expect(exportSvg(validFlow())).toBe(golden('login.svg'));
  });

  it('should give the same string when the same document is exported twice', () => {
    expect(exportSvg(validFlow())).toBe(exportSvg(structuredClone(validFlow())));
  });

  it.each([
    ['the login fixture', validFlow()],
    ['a flow with only a start node', onlyStart()],
    ['a flow with malicious titles', withText(malicious.join(' '))],
  ])('should be well-formed XML with an svg root and a title when exporting %s', (_name, doc) => {
    const svg = exportSvg(doc);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(
      /^<\?xml [^>]*\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" viewBox="[^"]+" width="[\d.]+" height/,
    );
    expect(svg).toContain(`<title>${escaped(doc.metadata.flowName)}</title>`);
  });

  it.each(malicious)('should escape the text everywhere when titles and labels are %s', (value) => {
    const svg = exportSvg(withText(value));
    expect(svg).not.toContain(value);
    expect(markupOf(svg)).not.toMatch(/<script|\son\w+=/i);
    expect(svg.split(escaped(value)).length - 1).toBeGreaterThanOrEqual(3); // document title, node tooltip, frame or edge label
  });

  it('should use document colours only when they are hex colours', () => {
    const doc = validFlow();
    doc.nodes[0]!.style = { backgroundColor: 'red" onload="alert(1)', borderColor: '#abc', color: 'url(https://evil.example/x)' };
    doc.frames[0]!.style = { backgroundColor: '#12345678', borderColor: 'javascript:alert(1)' };
    doc.metadata.personas = [{ id: 'per_visitor', name: 'Visitor', color: '#ff00ff' }];
    const svg = exportSvg(doc);
    expect(svg).not.toMatch(/onload|evil|javascript/);
    expect(svg).toContain('rx="40" fill="#f8fafc" stroke="#abc"');
    expect(svg).toContain('fill="#12345678" stroke="#94a3b8"');
    expect(svg).toContain('rx="4" fill="#f8fafc" stroke="#ff00ff"'); // the login screen, drawn in its persona's colour
  });

  it('should cover every node and frame with its view box when coordinates are negative', () => {
    const doc = validFlow();
    doc.nodes.push({ id: 'far', type: 'note', title: 'Far', position: { x: -900.26, y: -480 }, size: { width: 500, height: 300 } });
    doc.nodes.push({ id: 'low', type: 'screen', title: 'Low', position: { x: 700, y: 1200 } });
    doc.frames.push({ id: 'frm_far', title: 'Far', position: { x: -1000, y: 900 }, size: { width: 100, height: 50 }, nodeIds: [] });
    const view = viewBoxOf(exportSvg(doc));
    const boxes = [
      ...doc.nodes.map((node) => ({ ...node.position, ...(node.size ?? defaultNodeSize) })),
      ...doc.frames.map((f) => ({ ...f.position, ...f.size })),
    ];
    for (const box of boxes) {
      expect(view.x).toBeLessThanOrEqual(box.x);
      expect(view.y).toBeLessThanOrEqual(box.y);
      expect(view.right).toBeGreaterThanOrEqual(box.x + box.width);
      expect(view.bottom).toBeGreaterThanOrEqual(box.y + box.height);
    }
    expect(view).toEqual({ x: -1032, y: -512, right: 932, bottom: 1312 });
  });

  it('should draw every frame before the first node when frames and nodes overlap', () => {
    const svg = exportSvg(validFlow());
    expect(svg.lastIndexOf('<g class="frame">')).toBeGreaterThan(-1);
    expect(svg.lastIndexOf('<g class="frame">')).toBeLessThan(svg.indexOf('<g class="node">'));
  });

  it('should label each edge with its label, else its trigger, when exported', () => {
    const doc = validFlow();
    doc.edges[0]!.label = 'Open';
    const labels = [...exportSvg(doc).matchAll(/<g class="edge-label">\n<rect [^>]*\/>\n<text [^>]*>([^<]*)<\/text>/g)].map(
      ([, label]) => label,
    );
    expect(labels).toEqual(['Open', 'onClick(submit_btn)', 'onSuccess', 'if_true', 'if_false']);
  });

  it('should draw one node in a view box of its default size plus margins when the flow has only a start node', () => {
    const svg = exportSvg(onlyStart());
    expect(svg.match(/<g class="node">/g)).toHaveLength(1);
    expect(svg).not.toContain('marker-end');
    expect(svg).toContain('viewBox="-32 -32 264 144" width="264" height="144"');
  });

  it('should cut a long title with an ellipsis and keep it whole in the tooltip when it is wider than its node', () => {
    const svg = exportSvg(withText('A title far too long for a card two hundred units wide'));
    expect(svg).toContain('<title>A title far too long for a card two hundred units wide</title>');
    expect(svg).toMatch(/<text [^>]*>A title far too long for…<\/text>/);
  });

  it('should draw a small loop and a dark background when an edge returns to its source in the dark theme', () => {
    const doc = onlyStart();
    doc.metadata.globalSettings = { theme: 'dark' };
    doc.edges = [{ id: 'loop', source: 'start', target: 'start', trigger: 'onTimeout' }];
    const svg = exportSvg(doc);
    expect(svg).toContain('<path d="M200 28 C240 4 240 76 200 52"');
    expect(svg).toContain('fill="#0f172a"/>');
    expect(xmlProblems(svg)).toEqual([]);
  });
});
