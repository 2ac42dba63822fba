import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeMermaidLabel, toMermaid, type FlowDocument } from '../../../shared/flows/index.ts';
import { validFlow } from './fixtures.ts';

const golden = (name: string): string => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

const withTitles = (title: string): FlowDocument => {
  const doc = validFlow();
  doc.nodes[1]!.title = title;
  doc.frames[0]!.title = title;
  doc.edges[0]!.label = title;
  return doc;
};

describe('toMermaid', () => {
  it('should match the golden file byte for byte when the login fixture is exported', () => {
    expect(toMermaid(validFlow())).toBe(golden('login.mmd'));
  });

  it('should give the same text when the same document is exported twice', () => {
    expect(toMermaid(validFlow())).toBe(toMermaid(structuredClone(validFlow())));
  });

  it('should escape quotes, brackets, pipes and line breaks when titles and labels contain them', () => {
    const text = toMermaid(withTitles('Say "hi" [now] | {x} (y) <b> & #1;\nnext'));
    const escaped = 'Say #quot;hi#quot; #91;now#93; #124; #123;x#125; #40;y#41; #lt;b#gt; #amp; #35;1#59; next';
    expect(text).toContain(`n2["${escaped}"]`);
    expect(text).toContain(`subgraph f1["${escaped}"]`);
    expect(text).toContain(`n1 -->|"${escaped} · onLoad"| n2`);
    expect(text.split('\n').every((line) => !line.includes('"hi"'))).toBe(true);
  });

  it.each([
    ['start', '(["S"])'],
    ['end', '(["S"])'],
    ['screen', '["S"]'],
    ['popup', '[["S"]]'],
    ['action', '("S")'],
    ['note', '>"S"]'],
  ] as const)('should draw a %s node with its shape when exported', (type, shape) => {
    const doc = validFlow();
    doc.nodes = [{ id: 'x', type, title: 'S', position: { x: 0, y: 0 } }];
    doc.edges = [];
    doc.frames = [];
    expect(toMermaid(doc)).toBe(`flowchart TD\n  n1${shape}\n`);
  });

  it('should leave the entity codes of the escape intact when a title already contains one', () => {
    expect(escapeMermaidLabel('#quot;')).toBe('#35;quot#59;');
  });
});
