export * from './agents.ts';
export {
  classifyByRules,
  createOfflineAgents,
  isEmptyFlow,
  offlineModel,
  offlinePromptIds,
  type ClassifyFacts,
  type OfflineAgentsDeps,
  type RuleDecision,
} from './offline/index.ts';
