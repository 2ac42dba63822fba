import type { FlowDocument } from '../../flows/index.ts';
import { extractiveAnswer } from '../../knowledge/index.ts';
import type { Passage } from '../agents.ts';
import { classifyByRules } from './classify.ts';
import { visibleTransitions } from './flow-graph.ts';
import { resolveNode } from './resolve.ts';
import { Unclear } from './draft.ts';
import { quoted } from './words.ts';

/*
 * Answers without a model: questions about the flow itself (how many screens, which ones, what comes
 * after X) from the document, anything else from the retrieved passages by the knowledge base's own
 * extractive answer (their sentences, cited). A message that is no question gets a question back.
 */

const list = (titles: readonly string[]) => titles.map(quoted).join(', ');

const aboutTheFlow = (flow: FlowDocument, question: string, focus: readonly string[]): string | null => {
  const { nodes, edges } = visibleTransitions(flow);
  const screens = nodes.filter((node) => node.type === 'screen' || node.type === 'popup');
  if (/\bhow many (?:screens|steps|pages)\b/i.test(question)) {
    return `The flow has ${screens.length} screens and popups: ${list(screens.map((node) => node.title))}.`;
  }
  if (/\b(?:what|which) (?:screens|steps|pages)\b|\blist (?:the|all) (?:screens|steps)\b/i.test(question)) {
    return screens.length === 0
      ? 'The flow has no screens yet.'
      : `The flow's screens and popups: ${list(screens.map((node) => node.title))}.`;
  }
  const after = /\bwhat (?:happens|comes|follows|is next) after\s+(.+?)\??$/i.exec(question);
  if (after) {
    try {
      const node = resolveNode(flow, after[1]!, focus);
      const next = edges.filter(([from]) => from === node.id).map(([, to]) => nodes.find((found) => found.id === to)?.title ?? to);
      return next.length === 0
        ? `Nothing follows ${quoted(node.title)}: it ends the flow.`
        : `After ${quoted(node.title)} the user can reach ${list(next)}.`;
    } catch (error) {
      if (error instanceof Unclear) return error.question;
      throw error;
    }
  }
  return null;
};

export const answerMessage = (
  flow: FlowDocument,
  message: string,
  passages: readonly Passage[],
  focus: readonly string[],
): { answer: string | null; clarifyingQuestion?: string } => {
  const fromFlow = aboutTheFlow(flow, message, focus);
  if (fromFlow !== null) return { answer: fromFlow };
  const answer = extractiveAnswer(
    message,
    passages.map((passage, index) => ({ citation: index + 1, text: passage.text })),
  );
  if (answer !== null) return { answer };
  const decided = classifyByRules(message, { flowIsEmpty: false, hasOpenProposal: false });
  if (decided === null) {
    return {
      answer: null,
      clarifyingQuestion:
        'I am not sure what you would like. Ask a question about UX or this flow, or say what to change, for example “add a loading state to Results” or “rename Cart to Basket”.',
    };
  }
  return { answer: null };
};
