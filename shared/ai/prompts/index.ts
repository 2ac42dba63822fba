export * from './prompt.ts';
export * from './grounding.ts';
export * from './knowledge-answer.v1.ts';
export * from './classify-intent.v1.ts';
export * from './flow-answer.v1.ts';
export * from './plan-steps.v1.ts';
export * from './build-operations.v1.ts';
export * from './review-flow.v1.ts';
