export * from './schema.ts';
export * from './issues.ts';
export * from './validate.ts';
export * from './errors.ts';
export * from './operation-context.ts';
export * from './operation-schema.ts';
export * from './operations.ts';
