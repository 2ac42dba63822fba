import type { FlowOperation } from '../operation-schema.ts';
import type { FlowDocument, FlowEdge, FlowNode } from '../schema.ts';
import { type LintRule, lintFinding } from './finding.ts';
import { freshId } from './fix-operations.ts';
import { clickedElementId, elementsOf, type LintGraph, lintGraph } from './graph.ts';

// "Cancel" alone dismisses; "Cancel subscription" destroys.
const destructive = /\b(delete|remove|erase|destroy|deactivate|unsubscribe|discard)\b|\bclose (my |your |the )?account\b|\bcancel \w+/i;
const confirming = /confirm|are you sure|sure\?/i;

/** What is destructive about an edge, or undefined: the clicked element's label, or the step it leads to. */
const destructiveAction = (graph: LintGraph, edge: FlowEdge): string | undefined => {
  const source = graph.nodes.get(edge.source);
  const element = source && elementsOf(source).find((candidate) => candidate.id === clickedElementId(edge));
  if (element && destructive.test(element.label)) return element.label;
  const target = graph.nodes.get(edge.target);
  if (target?.type === 'api-call' && target.data.method === 'DELETE') return target.title;
  if ((target?.type === 'api-call' || target?.type === 'action') && destructive.test(target.title)) return target.title;
  return undefined;
};

/** Confirmed: the edge opens a popup or a confirmation step, or comes from one (it is the confirmation itself). */
const isConfirmed = (graph: LintGraph, edge: FlowEdge): boolean =>
  [graph.nodes.get(edge.source), graph.nodes.get(edge.target)].some(
    (node) => node !== undefined && (node.type === 'popup' || confirming.test(node.title)),
  ) || confirming.test(edge.label ?? '');

/** A confirmation popup between the edge's source and target: confirm goes on, keep goes back. Ids derive from the edge. */
const confirmationFix = (doc: FlowDocument, edge: FlowEdge, source: FlowNode, action: string): FlowOperation[] => {
  const popupId = freshId(doc, `${edge.id}_confirm`);
  const confirmId = freshId(doc, `${edge.id}_confirmed`, [popupId]);
  const keepId = freshId(doc, `${edge.id}_kept`, [popupId, confirmId]);
  const title = `${action.slice(0, 80)}: are you sure?`;
  const elements = [
    { id: `${popupId}_yes`, type: 'button', label: 'Confirm' },
    { id: `${popupId}_no`, type: 'button', label: 'Keep it' },
  ];
  const position = { x: source.position.x + 240, y: source.position.y };
  return [
    { type: 'ADD_NODE', node: { id: popupId, type: 'popup', title, position, data: { elements } } },
    { type: 'UPDATE_EDGE', id: edge.id, changes: { target: popupId } },
    { type: 'ADD_EDGE', edge: { id: confirmId, source: popupId, target: edge.target, trigger: `onClick(${popupId}_yes)` } },
    { type: 'ADD_EDGE', edge: { id: keepId, source: popupId, target: source.id, trigger: `onClick(${popupId}_no)` } },
  ];
};

/**
 * DESTRUCTIVE_UNCONFIRMED (warning): a destructive action (delete/remove/cancel… wording in an element's label or
 * an action's title, or a DELETE call) is confirmed first. Fix: a confirmation popup on the way.
 */
export const destructiveConfirmation: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return doc.edges.flatMap((edge) => {
    const source = graph.nodes.get(edge.source);
    const action = destructiveAction(graph, edge);
    if (source === undefined || action === undefined || isConfirmed(graph, edge)) return [];
    const message = `"${action}" from "${source.title}" happens without a confirmation.`;
    return [
      lintFinding('DESTRUCTIVE_UNCONFIRMED', 'warning', [source.id, edge.target], message, confirmationFix(doc, edge, source, action)),
    ];
  });
};
