import { findBuiltInTemplate, type FlowEdge, type FlowFrame, type FlowNode, type Persona } from '../../flows/index.ts';
import type { TemplateUse } from './catalog.ts';
import type { Pattern, PatternScreen } from './patterns.ts';
import { idFromTitle } from './words.ts';

/*
 * The parts a journey is composed of, each a small graph with one entry and one success end (where the
 * next part joins): a built-in template, a small journey of the catalog, or one screen the description
 * names. Positions are all {0, 0}: the layout engine places new nodes.
 */

export interface Segment {
  /** Template id, pattern key, or `screen`. */
  key: string;
  kind: 'template' | 'pattern' | 'screen';
  /** How the plan step names it. */
  label: string;
  /** Where the description mentions it (parts are chained in this order). */
  position: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  frames: FlowFrame[];
  entry: string;
  success: string;
  startTitle?: string;
  /** The personas its nodes name (a template's). */
  personas?: Persona[];
  use?: TemplateUse;
  articles: string[];
}

const at = { x: 0, y: 0 };

/** A template without its start node: the start's first edge names the entry. */
export const templateSegment = (use: TemplateUse, position: number): Segment | null => {
  const template = findBuiltInTemplate(use.template);
  if (template === null) return null;
  const doc = template.document;
  const start = doc.nodes.find((node) => node.type === 'start');
  const entry = doc.edges.find((edge) => edge.source === start?.id)?.target;
  if (start === undefined || entry === undefined) return null;
  return {
    key: use.template,
    kind: 'template',
    label: `the built-in template “${template.name}”`,
    position,
    nodes: doc.nodes.filter((node) => node.id !== start.id).map((node) => ({ ...node, position: at })),
    edges: doc.edges.filter((edge) => edge.source !== start.id),
    frames: doc.frames,
    entry,
    success: use.success,
    startTitle: start.title,
    personas: doc.metadata.personas ?? [],
    use,
    articles: use.articles,
  };
};

const elementsOf = (id: string, screen: PatternScreen) => [
  ...(screen.fields ?? []).map((label) => ({ id: `${id}_${idFromTitle(label)}`, type: 'input', label })),
  { id: `${id}_next`, type: 'button', label: screen.button ?? 'Continue' },
];

/** Screens in a row; a screen with a check leads to a decision that returns through a failure popup. */
const screensInRow = (prefix: string, screens: readonly PatternScreen[], endTitle: string) => {
  const ids = screens.map((screen) => `${prefix}${idFromTitle(screen.title)}`);
  const endId = `${prefix}${idFromTitle(endTitle)}_end`;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  screens.forEach((screen, index) => {
    const id = ids[index]!;
    const next = ids[index + 1] ?? endId;
    nodes.push({
      id,
      type: screen.popup ? 'popup' : 'screen',
      title: screen.title,
      position: at,
      data: { elements: elementsOf(id, screen) },
    });
    if (screen.check === undefined) {
      edges.push({ id: `${id}_to_next`, source: id, target: next, trigger: `onClick(${id}_next)` });
      return;
    }
    const check = `${id}_check`;
    const failed = `${id}_failed`;
    nodes.push(
      { id: check, type: 'decision', title: screen.check.question, position: at, data: { condition: 'response.ok' } },
      {
        id: failed,
        type: 'popup',
        title: screen.check.failure,
        position: at,
        data: { elements: [{ id: `${failed}_back`, type: 'button', label: 'Try again' }] },
      },
    );
    edges.push(
      { id: `${id}_submit`, source: id, target: check, trigger: `onClick(${id}_next)` },
      { id: `${check}_yes`, source: check, target: next, trigger: 'if_true' },
      { id: `${check}_no`, source: check, target: failed, trigger: 'if_false' },
      { id: `${failed}_retry`, source: failed, target: id, trigger: `onClick(${failed}_back)` },
    );
  });
  nodes.push({ id: endId, type: 'end', title: endTitle, position: at });
  return { nodes, edges, entry: ids[0]!, success: endId };
};

export const patternSegment = (pattern: Pattern, position: number): Segment => ({
  key: pattern.key,
  kind: 'pattern',
  label: `the ${pattern.key.replace(/-/g, ' ')} journey`,
  position,
  frames: [],
  articles: pattern.article ? [pattern.article] : [],
  ...screensInRow('', pattern.screens, pattern.end),
});

/** One screen the description names, with a way on. */
export const screenSegment = (title: string, position: number, endTitle = 'Done'): Segment => ({
  key: 'screen',
  kind: 'screen',
  label: `the screen “${title}”`,
  position,
  frames: [],
  articles: [],
  ...screensInRow('', [{ title, ...(endTitle === 'Done' ? {} : { button: 'Done' }) }], endTitle),
});
