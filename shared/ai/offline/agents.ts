import { DomainError } from '../../kernel/index.ts';
import type { AgentContext, AgentProvenance, Agents, ProposedOperation } from '../agents.ts';
import { answerMessage } from './answer.ts';
import { classifyByRules } from './classify.ts';
import { type Draft, proposedOperations, Unclear } from './draft.ts';
import { planEdit } from './edit.ts';
import { isEmptyFlow, planJourney } from './journey.ts';
import { refineProposal } from './refine.ts';
import { repairOperations } from './repair.ts';
import { reviewFlow } from './review.ts';

/*
 * The offline provider's agents: no network, no key, no cost. The planner writes the steps and the
 * operations together; `plan` keeps the operations for `build` (by message and steps) so the two calls
 * of one job agree, and `build` works them out again from the message when it has not seen the plan.
 */

export const offlineModel = 'offline';
export const offlinePromptIds = {
  classify: 'offline-classifier@1',
  answer: 'offline-answer@1',
  plan: 'offline-planner@1',
  build: 'offline-architect@1',
  review: 'offline-reviewer@1',
} as const;

export interface OfflineAgentsDeps {
  /** How many plans one instance keeps for their `build` call (oldest forgotten first). */
  remember?: number;
}

const provenance = (agent: keyof typeof offlinePromptIds): AgentProvenance => ({
  model: offlineModel,
  promptId: offlinePromptIds[agent],
  usage: [],
});

const ensureNotAborted = (context: AgentContext) => {
  if (context.signal?.aborted) throw new DomainError('unavailable', 'AI_ABORTED', { detail: 'The job was cancelled or timed out.' });
};

/** The draft for a message: a refinement, a journey on an empty flow, or an edit. @throws Unclear */
const draftFor = (context: AgentContext & { mode?: 'edit' | 'generate'; previous?: Parameters<typeof refineProposal>[1] }): Draft => {
  if (context.previous) return refineProposal(context.flow, context.previous, context.focusNodeIds);
  if (context.mode === 'generate' || isEmptyFlow(context.flow)) return planJourney(context.flow, context.message);
  return planEdit(context.flow, context.message, context.focusNodeIds);
};

export const createOfflineAgents = (deps: OfflineAgentsDeps = {}): Agents => {
  const limit = deps.remember ?? 200;
  const plans = new Map<string, ProposedOperation[]>();
  const keyOf = (messageId: string, steps: readonly string[]) => `${messageId}\n${steps.join('\n')}`;
  const keep = (key: string, operations: ProposedOperation[]) => {
    plans.delete(key);
    plans.set(key, operations);
    while (plans.size > limit) plans.delete(plans.keys().next().value!);
  };

  return {
    classify: async (context) => {
      ensureNotAborted(context);
      const decided = classifyByRules(context.message, { flowIsEmpty: isEmptyFlow(context.flow), hasOpenProposal: false });
      return {
        ...provenance('classify'),
        ...(decided ?? { intent: 'ai.chat', reason: 'the wording does not tell what is wanted: ask back' }),
      };
    },

    answer: async (context) => {
      ensureNotAborted(context);
      return { ...provenance('answer'), ...answerMessage(context.flow, context.message, context.passages, context.focusNodeIds) };
    },

    plan: async (context) => {
      ensureNotAborted(context);
      try {
        const draft = draftFor(context);
        keep(keyOf(context.messageId, draft.steps), proposedOperations(draft));
        return { ...provenance('plan'), steps: draft.steps };
      } catch (error) {
        if (error instanceof Unclear) return { ...provenance('plan'), steps: [], clarifyingQuestion: error.question };
        throw error;
      }
    },

    build: async (context) => {
      ensureNotAborted(context);
      // A repair round fixes the attempt in place rather than starting over.
      if (context.attempt) return { ...provenance('build'), operations: repairOperations(context.flow, context.attempt) };
      let operations = plans.get(keyOf(context.messageId, context.steps));
      if (operations === undefined) {
        try {
          operations = proposedOperations(draftFor(context));
        } catch (error) {
          if (!(error instanceof Unclear)) throw error;
          throw new DomainError('invalid', 'OFFLINE_PLAN_UNCLEAR', { detail: error.question });
        }
      }
      return { ...provenance('build'), operations };
    },

    review: async (context) => {
      ensureNotAborted(context);
      return { ...provenance('review'), ...reviewFlow(context.flow, context.lint) };
    },

    // No OCR here: reading an image needs a model provider (the request is refused before a job exists).
    readImage: async () => {
      throw new DomainError('unavailable', 'PROVIDER_REQUIRED', { detail: 'The offline provider does not read images.' });
    },
  };
};
