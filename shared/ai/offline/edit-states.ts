import type { FlowEdge, FlowNode } from '../../flows/index.ts';
import { confirmation } from './blocks.ts';
import type { DataState } from './commands.ts';
import { addStep, type Draft, type DraftOperation, unclear } from './draft.ts';
import { forwardIncoming, graphOf, type FlowGraph, isVisible, visibleBefore } from './flow-graph.ts';
import { rankTargets, resolveNodes, type Target, titleOf } from './resolve.ts';
import { quoted } from './words.ts';

/*
 * States and confirmations, the two edits the UX lint asks for most: loading, empty and error states
 * are variants of the screen (what DATA_STATES_MISSING and FORM_VALIDATION_MISSING accept), and a
 * confirmation is a popup on the way to the action (what DESTRUCTIVE_UNCONFIRMED accepts).
 */

const variantNames: Record<DataState, string> = { loading: 'Loading', empty: 'Nothing to show', error: 'Error', success: 'Success' };

/** The UPDATE_NODE adding these variants, keeping every other piece of metadata; null when the node has them all. */
export const addVariants = (node: FlowNode, states: readonly DataState[]): DraftOperation | null => {
  const current = node.uiMetadata?.variants ?? [];
  const missing = states.filter((state) => !current.some((variant) => variant.type === state));
  if (missing.length === 0) return null;
  const ids = new Set(current.map((variant) => variant.id));
  const added = missing.map((type) => {
    let id = `${node.id}_${type}`.slice(0, 90);
    for (let n = 2; ids.has(id); n += 1) id = `${node.id}_${type}_${n}`.slice(0, 100);
    ids.add(id);
    return { id, name: variantNames[type], type };
  });
  return {
    operation: { type: 'UPDATE_NODE', id: node.id, changes: { uiMetadata: { ...node.uiMetadata, variants: [...current, ...added] } } },
    rationale: `${quoted(node.title)} shows ${missing.join(', ')} as variants of itself, which the UX lint counts as those states.`,
  };
};

const list = (words: readonly string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

export const statesStep = (draft: Draft, states: readonly DataState[], target: string | undefined, focus: readonly string[]): void => {
  if (states.length === 0) unclear('Which states should be added: loading, empty or error?');
  const nodes =
    target === undefined ? focus.flatMap((id) => draft.doc.nodes.filter((node) => node.id === id)) : resolveNodes(draft.doc, target, focus);
  if (nodes.length === 0) unclear(`Which screen should get the ${list(states)} state? Name it, or select it.`);
  const screens = nodes.filter(isVisible);
  if (screens.length === 0)
    unclear(
      `States belong to screens and popups; ${nodes.map((node) => quoted(node.title)).join(', ')} is not one. Which screen do you mean?`,
    );
  const operations = screens.map((node) => addVariants(node, states)).filter((entry) => entry !== null);
  if (operations.length === 0)
    unclear(`${screens.map((node) => quoted(node.title)).join(', ')} already has ${list(states)} states. What else should change?`);
  const names = screens.map((node) => quoted(node.title)).join(', ');
  addStep(draft, `Add ${list(states)} state${states.length > 1 ? 's' : ''} to ${names}.`, operations);
};

const confirming = /confirm|are you sure|sure\?/i;

/** Already confirmed, by the lint's own reading: the edge leaves or opens a popup or a confirmation step. */
const isConfirmed = (graph: FlowGraph, edge: FlowEdge): boolean =>
  [graph.node(edge.source), graph.node(edge.target)].some(
    (node) => node !== undefined && (node.type === 'popup' || confirming.test(node.title)),
  ) || confirming.test(edge.label ?? '');

/** The edges a confirmation goes on, and the step they lead to: a button's click, or the way into an action. */
const actionOf = (graph: FlowGraph, target: Target): { edges: FlowEdge[]; to: string } =>
  target.kind === 'element'
    ? { edges: [target.edge], to: target.edge.target }
    : target.kind === 'node'
      ? { edges: forwardIncoming(graph, target.node.id), to: target.node.id }
      : { edges: [], to: '' };

export const confirmStep = (draft: Draft, phrase: string, focus: readonly string[]): void => {
  const graph = graphOf(draft.doc);
  const selected = /^(?:it|this|that)$/i.test(phrase.trim()) ? focus.flatMap((id) => draft.doc.nodes.filter((node) => node.id === id)) : [];
  const ranked: { target: Target; score: number }[] =
    selected.length > 0
      ? selected.map((node) => ({ target: { kind: 'node', node }, score: 1 }))
      : rankTargets(draft.doc, phrase, ['node', 'element']);
  // Buttons are what people confirm ("before paying" is the Pay button); steps the user does not see come next.
  // Actions only: a button, an api call or an action step (a decision is a question, not something to confirm).
  const actions = ranked.filter(
    (entry) =>
      entry.target.kind === 'element' ||
      (entry.target.kind === 'node' && ['api-call', 'action', 'subflow'].includes(entry.target.node.type)),
  );
  const best = actions[0];
  if (best === undefined)
    return unclear(`I could not find the action “${phrase.trim()}” in this flow. Which button or step should be confirmed?`);
  let tied = actions.filter((entry) => best.score - entry.score < 0.02);
  if (tied.some((entry) => entry.target.kind === 'element')) tied = tied.filter((entry) => entry.target.kind === 'element');
  // A button that only opens the next screen navigates; the one that sets something in motion is the action.
  const acting = tied.filter((entry) => entry.target.kind !== 'element' || !isVisible(graph.node(entry.target.edge.target)));
  if (acting.length > 0) tied = acting;
  const open = tied
    .map((entry) => ({ entry, ...actionOf(graph, entry.target) }))
    .filter((found) => found.edges.some((edge) => !isConfirmed(graph, edge)));
  if (open.length === 0)
    unclear(`${quoted(titleOf(best.target))} is already confirmed before it happens. Should the confirmation say something else?`);
  const targets = [...new Set(open.map((found) => found.to))];
  if (targets.length > 1)
    unclear(
      `“${phrase.trim()}” could mean ${open.map((found) => quoted(titleOf(found.entry.target))).join(' or ')}. Which one should be confirmed?`,
    );
  const chosen = open[0]!;
  const edges = chosen.edges.filter((edge) => !isConfirmed(graph, edge));
  const source = graph.node(edges[0]!.source);
  const keep = source && isVisible(source) ? source : source && visibleBefore(graph, source.id);
  if (keep === undefined) unclear(`Where should “Keep it” lead back to before ${quoted(titleOf(chosen.entry.target))}?`);
  const action = titleOf(chosen.entry.target);
  const toNode = graph.node(chosen.to);
  const frame = toNode?.frameId !== undefined && toNode.frameId === source?.frameId ? toNode.frameId : undefined;
  addStep(
    draft,
    `Ask for confirmation before ${quoted(action)}: a popup where Confirm goes on and Keep it goes back to ${quoted(keep!.title)}.`,
    confirmation(draft.doc, action, edges, chosen.to, keep!.id, frame),
  );
};
