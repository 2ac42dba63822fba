export * from './evaluate.ts';
export * from './observation.ts';
export * from './rules.ts';
export * from './settings.ts';
