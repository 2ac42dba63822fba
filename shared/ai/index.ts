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
export * from './errors.ts';
export * from './language-models.ts';
export * from './prompts/index.ts';
export * from './model-agents/model-agents.ts';
