import type { FlowEdge, FlowNode } from '../schema.ts';
import { type LintRule, lintFinding } from './finding.ts';
import { addVariants, hasVariant } from './fix-operations.ts';
import { clickedElementId, elementsOf, isScreen, type LintGraph, lintGraph } from './graph.ts';
import { outcomesOf } from './outcomes.ts';

// A search box is an input but not a form: a query has nothing to validate.
const entryTypes = /input|textarea|field|password|email|phone|select|dropdown|combo|picker|form/i;
const search = /search/i;
const buttons = /button|submit/i;
const submitTargets = new Set(['api-call', 'action', 'decision', 'condition']);

const isForm = (node: FlowNode): boolean =>
  elementsOf(node).some((element) => entryTypes.test(element.type) && !search.test(element.type) && !search.test(element.label));

/** The edges that submit the form: `onSubmit`, or a button's click that leads to a step (not straight to another screen). */
const submissionsOf = (graph: LintGraph, form: FlowNode): FlowEdge[] =>
  graph.outgoing(form.id).filter((edge) => {
    if (edge.trigger === 'onSubmit') return true;
    const element = elementsOf(form).find((candidate) => candidate.id === clickedElementId(edge));
    return element !== undefined && buttons.test(element.type) && submitTargets.has(graph.nodes.get(edge.target)?.type ?? '');
  });

/** A way back to the form after a failed submission: through the steps that follow it, or via popups they open. */
const returnsToForm = (graph: LintGraph, form: FlowNode, submission: FlowEdge): boolean => {
  const seen = new Set<string>();
  const queue = [submission.target];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (next === form.id) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    const { edges, screens } = outcomesOf(graph, next);
    if (edges.some((edge) => edge.target === form.id)) return true;
    queue.push(...screens.filter((screen) => screen.type === 'popup').map((popup) => popup.id));
  }
  return false;
};

/**
 * FORM_VALIDATION_MISSING (warning): a form (a screen or popup with entry fields and a submission) has a
 * validation-error path: an `error` variant, an `onError` edge, or a way back to it from what its submission
 * leads to. Fix: an `error` variant on the form.
 */
export const formValidation: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return [...graph.nodes.values()].filter(isScreen).flatMap((form) => {
    if (!isForm(form) || hasVariant(form, 'error')) return [];
    if (graph.outgoing(form.id).some((edge) => edge.trigger === 'onError')) return [];
    const submissions = submissionsOf(graph, form);
    if (submissions.length === 0 || submissions.some((edge) => returnsToForm(graph, form, edge))) return [];
    const message = `The form "${form.title}" has no validation-error path.`;
    return [lintFinding('FORM_VALIDATION_MISSING', 'warning', [form.id], message, [addVariants(form, ['error'], 'Validation errors')])];
  });
};
