/*
 * The offline provider: agents that need no network and no key (docs/ai.md, "The offline planner").
 */
export { createOfflineAgents, offlineModel, offlinePromptIds, type OfflineAgentsDeps } from './agents.ts';
export { classifyByRules, type ClassifyFacts, type RuleDecision } from './classify.ts';
export { planEdit } from './edit.ts';
export { planJourney, readDescription, isEmptyFlow } from './journey.ts';
export { refineProposal, type Previous } from './refine.ts';
export { reviewFlow } from './review.ts';
export { answerMessage } from './answer.ts';
export { repairOperations } from './repair.ts';
export { proposedOperations, Unclear, type Draft } from './draft.ts';
export { visibleTransitions } from './flow-graph.ts';
export { wordsOf, similarity } from './words.ts';
export { articleTitles } from './catalog.ts';
