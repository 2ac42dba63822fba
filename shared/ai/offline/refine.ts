import { isDomainError } from '../../kernel/index.ts';
import type { FlowDocument } from '../../flows/index.ts';
import type { ProposedOperation } from '../agents.ts';
import { parseInstruction } from './commands.ts';
import { addStep, bareRationale, type Draft, type DraftOperation, newErrors, startDraft, stepOfRationale, unclear } from './draft.ts';
import { planEdit } from './edit.ts';
import { overlap, quoted } from './words.ts';

/*
 * Refining a proposal with the user's feedback: "don't remove X" / "keep X" / "undo step 2" drop the
 * steps concerned (with their operations), anything else is carried out on top of the proposal as an
 * edit ("also add a loading state", "call it Basket instead": "it" is what the proposal added).
 */

export interface Previous {
  steps: string[];
  operations: ProposedOperation[];
  feedback: string;
}

const negative =
  /^(?:no[,.!]?\s+)?(?:please\s+)?(?:(?:but\s+)?(?:don'?t|do not|never|stop)\s+(.+)|(?:keep|leave)\s+(.+?)(?:\s+(?:as it is|as is|alone|unchanged|in place|where it is))?|(?:drop|skip|undo|revert|forget|remove)\s+(?:the\s+)?step\s+(\d+)|without\s+(.+)|not\s+(.+))$/i;
const additive =
  /^(?:ok(?:ay)?[,.]?\s+|looks good[,.]?\s+|good[,.]?\s+|great[,.]?\s+)?(?:but\s+|and\s+|also\s+|plus\s+|instead\s+|actually[,.]?\s+|rather\s+)*/i;

/** The previous steps a "don't …" or "keep …" is about: those that mention it best. */
const stepsConcerning = (steps: readonly string[], phrase: string): number[] => {
  const scored = steps.map((text, index) => ({ step: index + 1, score: overlap(phrase, text) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  return best < 0.5 ? [] : scored.filter((entry) => entry.score === best).map((entry) => entry.step);
};

/** The previous proposal without `dropped` steps, re-applied to `base` step by step (a step that no longer applies goes too). */
const keptSteps = (base: FlowDocument, previous: Previous, dropped: Set<number>): Draft => {
  const draft = startDraft(base);
  previous.steps.forEach((text, index) => {
    const step = index + 1;
    if (dropped.has(step)) return;
    const operations: DraftOperation[] = previous.operations
      .filter((entry) => (stepOfRationale(entry.rationale) ?? 1) === step)
      .map((entry) => ({ operation: entry.operation, rationale: bareRationale(entry.rationale) }));
    try {
      addStep(draft, text, operations);
    } catch (error) {
      // A step that built on a dropped one no longer applies: it goes too.
      if (!isDomainError(error)) throw error;
    }
  });
  return draft;
};

/** What the previous proposal added that the user sees: "it" in the feedback. */
const addedScreens = (previous: Previous): string[] =>
  previous.operations.flatMap((entry) =>
    entry.operation.type === 'ADD_NODE' && (entry.operation.node.type === 'screen' || entry.operation.node.type === 'popup')
      ? [entry.operation.node.id]
      : [],
  );

/** The revised proposal. @throws Unclear when the feedback names nothing the planner can act on. */
export const refineProposal = (base: FlowDocument, previous: Previous, focus: readonly string[]): Draft => {
  const feedback = previous.feedback.trim().replace(/[.!]+$/, '');
  const dropped = new Set<number>();
  const clauses = feedback
    .split(/\s*(?:;|\.\s+|,\s*(?:and\s+|but\s+)?(?=(?:don'?t|do not|keep|leave|also|and|instead|add|remove|rename)\b))\s*/i)
    .filter((clause) => clause !== '');
  const instructions: string[] = [];
  for (const clause of clauses) {
    const found = negative.exec(clause.trim());
    if (!found) {
      instructions.push(clause.replace(additive, ''));
      continue;
    }
    const [, dont, keep, stepNumber, without, not] = found;
    if (stepNumber !== undefined) {
      const step = Number(stepNumber);
      if (step < 1 || step > previous.steps.length) unclear(`The proposal has ${previous.steps.length} steps; which one should go?`);
      dropped.add(step);
      continue;
    }
    const phrase = dont ?? keep ?? without ?? not ?? '';
    const steps = stepsConcerning(previous.steps, phrase);
    if (steps.length === 0) unclear(`No step of the proposal is about “${phrase}”. Which step should change?`);
    steps.forEach((step) => dropped.add(step));
  }
  const draft = keptSteps(base, previous, dropped);
  const extra = instructions.filter((text) => text.trim() !== '');
  if (extra.length === 0 && dropped.size === 0)
    unclear(`What should change in the proposal? For example “also add a loading state”, “don't remove ${quoted('…')}” or “undo step 2”.`);
  if (extra.length > 0) {
    const { commands } = parseInstruction(extra.join('. '));
    if (commands.length === 0) unclear(`I did not understand “${extra.join('. ')}”. What should change in the proposal?`);
    const selection =
      focus.length > 0
        ? focus
        : addedScreens(previous)
            .filter((id) => draft.doc.nodes.some((node) => node.id === id))
            .slice(-1);
    const more = planEdit(draft.doc, extra.join('. '), selection);
    for (const [index, text] of more.steps.entries()) {
      const operations = more.operations
        .filter((entry) => entry.step === index + 1)
        .map(({ operation, rationale }) => ({ operation, rationale }));
      addStep(draft, text, operations);
    }
  }
  if (draft.steps.length === 0) unclear('Without those steps nothing is left of the proposal. What should it do instead?');
  const broken = newErrors(base, draft.doc);
  if (broken.length > 0) unclear(`Without those steps the flow would have problems (${broken.join('; ')}). Which steps should stay?`);
  return draft;
};
