import { isEmptyFlow } from './offline/index.ts';
import type { AgentContext, Agents, AiOperation, MessageIntent } from './agents.ts';
import type { IntentSource } from './records.ts';

/** The intents a client may name (`ai.image` is its own endpoint). */
export const messageIntents = ['ai.chat', 'ai.plan', 'ai.generate', 'ai.refine', 'ai.review'] as const satisfies readonly MessageIntent[];

/** The rules classifier: an intent when the wording decides it, null when it cannot tell. */
export type RulesClassifier = (
  message: string,
  context: { flowIsEmpty: boolean; hasOpenProposal: boolean },
) => MessageIntent | null | { intent: MessageIntent | null };

/** The operations that change the flow (a proposal): they need `flows:update`; the others `flows:read`. */
export const changesFlow = (operation: AiOperation): boolean => operation !== 'ai.chat' && operation !== 'ai.review';

/**
 * What a message asks for: the client's `intent` when given, else the rules, else the agents'
 * classifier (a small model, or the offline rules again). A classifier that fails answers a
 * question (`ai.chat`, the cheapest), never a guess at a change.
 */
export const decideIntent = async (
  given: MessageIntent | undefined,
  rules: RulesClassifier,
  agents: Pick<Agents, 'classify'>,
  context: AgentContext & { hasOpenProposal: boolean },
): Promise<{ intent: MessageIntent; source: IntentSource }> => {
  if (given !== undefined) return { intent: given, source: 'client' };
  const decided = rules(context.message, { flowIsEmpty: isEmptyFlow(context.flow), hasOpenProposal: context.hasOpenProposal });
  const byRules = decided !== null && typeof decided === 'object' ? decided.intent : decided;
  if (byRules !== null) return { intent: byRules, source: 'rules' };
  try {
    return { intent: (await agents.classify(context)).intent, source: 'model' };
  } catch {
    return { intent: 'ai.chat', source: 'model' };
  }
};
