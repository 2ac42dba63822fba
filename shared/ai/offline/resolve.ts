import type { FlowDocument, FlowEdge, FlowFrame, FlowNode } from '../../flows/index.ts';
import { unclear } from './draft.ts';
import { quoted, similarity, wordsOf } from './words.ts';

/*
 * Names to ids: "the cart", "Check your inbox", "it". A title is matched by its words (words.ts); two
 * equally good matches, or none, are a question back to the user, never a guess. "it", "this" and
 * "here" are the user's selection.
 */

export interface Element {
  id: string;
  type: string;
  label: string;
}

export type Target =
  | { kind: 'node'; node: FlowNode }
  | { kind: 'frame'; frame: FlowFrame }
  | { kind: 'element'; node: FlowNode; element: Element; edge: FlowEdge };

export type TargetKind = Target['kind'];

interface Scored {
  target: Target;
  score: number;
}

const pronoun =
  /^(?:it|this|that|here|there|them|these|those|the selection|(?:the )?selected(?: \w+)?|this (?:screen|step|node|one|popup|page))$/i;
const minimum = 0.5;

export const titleOf = (target: Target): string =>
  target.kind === 'node' ? target.node.title : target.kind === 'frame' ? target.frame.title : target.element.label;

const keyOf = (target: Target): string =>
  target.kind === 'node'
    ? `n:${target.node.id}`
    : target.kind === 'frame'
      ? `f:${target.frame.id}`
      : `e:${target.node.id}:${target.element.id}`;

/** The phrase without the words that only say what kind of thing it is. */
const hintOf = (phrase: string): { frame: boolean; screen: boolean; popup: boolean } => ({
  frame: /\b(?:frame|section|group)\b/i.test(phrase),
  screen: /\b(?:screen|page|view)\b/i.test(phrase),
  popup: /\b(?:popup|dialog|modal)\b/i.test(phrase),
});

export const elementsOf = (node: FlowNode): Element[] =>
  node.type === 'screen' || node.type === 'popup' ? (node.data?.elements ?? []) : [];

/** The phrase as typed, without articles, kind words and punctuation. */
const literal = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(?:the|a|an|screen|step|page|popup|dialog|frame|section)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const candidates = (doc: FlowDocument, phrase: string, kinds: readonly TargetKind[]): Scored[] => {
  const hint = hintOf(phrase);
  // "the Form valid? check", "the save decision": the last word says what kind of step it is.
  const bare = phrase.replace(/\s+(?:check|decision|condition|call|action|state)$/i, '');
  const found: Scored[] = [];
  if (kinds.includes('node')) {
    for (const node of doc.nodes) {
      if (node.type === 'note') continue;
      let score = Math.max(
        similarity(phrase, node.title),
        similarity(bare, node.title),
        0.9 * similarity(phrase, node.id.replace(/[_-]+/g, ' ')),
      );
      // Typed exactly as it is written wins over a title that only means the same ("Create your account", "Create account").
      if (literal(phrase) === literal(node.title)) score += 0.05;
      if (score > 0 && ((hint.screen && node.type === 'screen') || (hint.popup && node.type === 'popup'))) score += 0.05;
      if (score > 0 && hint.frame) score -= 0.1;
      found.push({ target: { kind: 'node', node }, score });
    }
  }
  if (kinds.includes('frame')) {
    for (const frame of doc.frames) {
      let score = similarity(phrase, frame.title);
      if (literal(phrase) === literal(frame.title)) score += 0.05;
      if (score > 0 && hint.frame) score += 0.1;
      // The same title on a node and a frame: the node is meant unless the user says "frame".
      if (score > 0 && !hint.frame) score -= 0.03;
      found.push({ target: { kind: 'frame', frame }, score });
    }
  }
  if (kinds.includes('element')) {
    for (const node of doc.nodes) {
      for (const element of elementsOf(node)) {
        const edge = doc.edges.find((candidate) => candidate.source === node.id && candidate.trigger === `onClick(${element.id})`);
        if (edge) found.push({ target: { kind: 'element', node, element, edge }, score: similarity(phrase, element.label) });
      }
    }
  }
  return found.filter((entry) => entry.score >= minimum).sort((a, b) => b.score - a.score);
};

/** Of equally good matches, the one that stands for the others: a frame holding the tied nodes, a button leading to the tied step. */
const umbrella = (tied: Scored[]): Target | undefined => {
  const frames = tied.filter((entry) => entry.target.kind === 'frame');
  for (const { target } of frames) {
    if (target.kind !== 'frame') continue;
    const covers = tied.every(
      (entry) => entry.target === target || (entry.target.kind === 'node' && target.frame.nodeIds.includes(entry.target.node.id)),
    );
    if (covers) return target;
  }
  const elements = tied.filter((entry) => entry.target.kind === 'element');
  if (elements.length === 1) {
    const [{ target }] = elements as [Scored];
    if (target.kind !== 'element') return undefined;
    const covers = tied.every(
      (entry) =>
        entry.target === target || (entry.target.kind === 'node' && [target.edge.target, target.node.id].includes(entry.target.node.id)),
    );
    if (covers) return target;
  }
  return undefined;
};

/** The focus (selection) for "it", "this"; undefined when the phrase names something. */
const focused = (doc: FlowDocument, phrase: string, focus: readonly string[]): FlowNode[] | undefined => {
  const cleaned = phrase.trim().replace(/[.!?]+$/, '');
  if (!pronoun.test(cleaned)) return undefined;
  const nodes = focus.flatMap((id) => doc.nodes.filter((node) => node.id === id));
  return nodes.length > 0 ? nodes : unclear(`Which step do you mean by “${cleaned}”? Select it, or name it by its title.`);
};

/** The one thing a phrase names, or a clarifying question (thrown as `Unclear`). */
export const resolveTarget = (
  doc: FlowDocument,
  phrase: string,
  focus: readonly string[],
  kinds: readonly TargetKind[] = ['node', 'frame'],
): Target => {
  const selection = focused(doc, phrase, focus);
  if (selection) {
    if (selection.length > 1) unclear(`You selected ${selection.length} steps; which one do you mean?`);
    return { kind: 'node', node: selection[0]! };
  }
  const found = candidates(doc, phrase, kinds);
  const best = found[0];
  if (best === undefined) return unclear(`I could not find a step called “${phrase.trim()}” in this flow. Which one do you mean?`);
  const tied = found.filter((entry) => best.score - entry.score < 0.02);
  const distinct = [...new Map(tied.map((entry) => [keyOf(entry.target), entry])).values()];
  if (distinct.length === 1) return best.target;
  const chosen = umbrella(distinct);
  if (chosen) return chosen;
  const names = distinct.slice(0, 4).map((entry) => quoted(titleOf(entry.target)));
  return unclear(`“${phrase.trim()}” could mean ${names.slice(0, -1).join(', ')} or ${names.at(-1)}. Which one do you mean?`);
};

/** A node a phrase names (a frame or button is refused with a question). */
export const resolveNode = (doc: FlowDocument, phrase: string, focus: readonly string[]): FlowNode => {
  const target = resolveTarget(doc, phrase, focus, ['node']);
  return target.kind === 'node' ? target.node : unclear(`Which step do you mean by “${phrase}”?`);
};

/** Several nodes: a list ("A, B and C"), the selection ("them"), or a frame's members. */
export const resolveNodes = (doc: FlowDocument, phrase: string, focus: readonly string[]): FlowNode[] => {
  const selection = focused(doc, phrase, focus);
  if (selection) return selection;
  const parts = splitList(phrase);
  if (parts.length === 1 || matchScore(doc, phrase, focus, ['node']) >= 1) {
    const group = categoryOf(doc, phrase);
    if (group) return group;
    const target = resolveTarget(doc, phrase, focus);
    if (target.kind === 'frame') return doc.nodes.filter((node) => target.frame.nodeIds.includes(node.id));
    return [target.node];
  }
  return [...new Map(parts.map((part) => resolveNode(doc, part, focus)).map((node) => [node.id, node])).values()];
};

/** "the checkout screens": every screen and popup whose title shares a word with "checkout" (all of them when it names the flow). */
const categoryOf = (doc: FlowDocument, phrase: string): FlowNode[] | undefined => {
  const found = /^(?:all\s+)?(?:of\s+)?(?:the\s+)?(.+?)\s+(?:screens|steps|pages|popups)$/i.exec(phrase.trim());
  if (!found) return undefined;
  const words = new Set(wordsOf(found[1]!));
  const visible = doc.nodes.filter((node) => node.type === 'screen' || node.type === 'popup');
  if (similarity(found[1]!, doc.metadata.flowName) >= minimum) return visible;
  const matching = visible.filter((node) => wordsOf(node.title).some((word) => words.has(word)));
  return matching.length > 0 ? matching : undefined;
};

/** How well the best candidate matches (1 for the selection), 0 when nothing does: to choose where "A to B" splits. */
export const matchScore = (
  doc: FlowDocument,
  phrase: string,
  focus: readonly string[],
  kinds: readonly TargetKind[] = ['node', 'frame'],
): number => {
  if (pronoun.test(phrase.trim().replace(/[.!?]+$/, ''))) return focus.length > 0 ? 1 : 0.5;
  return candidates(doc, phrase, kinds)[0]?.score ?? 0;
};

/** The candidates a phrase may name, best first (for callers that choose among ties themselves). */
export const rankTargets = (doc: FlowDocument, phrase: string, kinds: readonly TargetKind[]): { target: Target; score: number }[] =>
  candidates(doc, phrase, kinds);

/** "A, B and C" → the three names; a name that itself has "and" in it is kept whole when the whole matches better. */
export const splitList = (phrase: string): string[] =>
  phrase
    .split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/i)
    .map((part) => part.trim())
    .filter((part) => part !== '');
