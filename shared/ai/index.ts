export * from './agents.ts';
export * from './records.ts';
export * from './ports.ts';
export * from './request-errors.ts';
export * from './events.ts';
export * from './intent.ts';
export * from './job-status.ts';
export * from './job-failure.ts';
export * from './job-admission.ts';
export * from './request-service.ts';
export * from './job-read-service.ts';
export * from './proposal-state.ts';
export * from './proposal-service.ts';
export * from './conversation-service.ts';
export * from './selection.ts';
export * from './placement.ts';
export * from './validator.ts';
export * from './runner-ports.ts';
export * from './runner.ts';
export * from './outbox-service.ts';
export * from './image-request.ts';
export * from './image-service.ts';
export * from './sketch.ts';
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
export * from './knowledge-answer-writer.ts';
export * from './idempotency.ts';
