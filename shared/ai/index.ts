export * from './agents.ts';
export * from './errors.ts';
export * from './language-models.ts';
export * from './prompts/index.ts';
export * from './model-agents/model-agents.ts';
