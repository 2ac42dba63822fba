import type { FlowNode } from '../schema.ts';
import { type LintRule, lintFinding } from './finding.ts';
import { addVariants, hasVariant } from './fix-operations.ts';
import { elementsOf, isScreen, type LintGraph, lintGraph } from './graph.ts';
import { edgeWords, outcomesOf } from './outcomes.ts';

type State = 'loading' | 'empty' | 'error';

const errorWords = /\b(if_false|onError|onTimeout)\b|error|fail|unavailable|declin|invalid|denied|expired|timeout|wrong/i;
const emptyWords = /empty|no results|no items|no data|nothing|none|not found/i;
const collectionElements = /list|grid|table|card|feed|gallery|carousel/i;

/** The api calls a screen loads data through: an `onLoad` edge to an api call, or any edge to a `GET` api call. */
const loadsOf = (graph: LintGraph, screen: FlowNode): FlowNode[] =>
  graph
    .outgoing(screen.id)
    .map((edge) => ({ edge, target: graph.nodes.get(edge.target) }))
    .filter(({ edge, target }) => target?.type === 'api-call' && (edge.trigger === 'onLoad' || target.data.method === 'GET'))
    .map(({ target }) => target as FlowNode);

/** The states a load through `call` leaves without a path, for the screen that starts it. */
const missingStates = (graph: LintGraph, screen: FlowNode, call: FlowNode): State[] => {
  const { edges, screens } = outcomesOf(graph, call.id);
  const seen = [screen, ...screens];
  const words = edges.map((edge) => edgeWords(graph, edge)).concat(screens.map((found) => found.title));
  const has = (state: State, pattern: RegExp) => seen.some((node) => hasVariant(node, state)) || words.some((word) => pattern.test(word));
  const isCollection = seen.some((node) => elementsOf(node).some((element) => collectionElements.test(element.type)));
  const missing: State[] = [];
  if (!seen.some((node) => hasVariant(node, 'loading'))) missing.push('loading');
  if (isCollection && !has('empty', emptyWords)) missing.push('empty');
  if (!has('error', errorWords)) missing.push('error');
  return missing;
};

/**
 * DATA_STATES_MISSING (warning): a screen that loads data has loading, empty and error paths. See docs/flows.md
 * ("UX lint") for how each path is recognised. Fix: the missing states as variants of the screen.
 */
export const dataStates: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return [...graph.nodes.values()].filter(isScreen).flatMap((screen) => {
    const calls = loadsOf(graph, screen);
    const missing = [...new Set(calls.flatMap((call) => missingStates(graph, screen, call)))];
    if (missing.length === 0) return [];
    const ids = [screen.id, ...new Set(calls.map((call) => call.id))];
    const message = `"${screen.title}" loads data but has no ${missing.join(', ')} state.`;
    return [lintFinding('DATA_STATES_MISSING', 'warning', ids, message, [addVariants(screen, missing)])];
  });
};
