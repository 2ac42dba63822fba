export * from './prompt.ts';
export * from './knowledge-answer.v1.ts';
