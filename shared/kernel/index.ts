export * from './domain-error.ts';
export * from './permissions.ts';
export * from './credit-operations.ts';
export * from './ids.ts';
export * from './one-at-a-time.ts';
export * from './outbox.ts';
export * from './web-url.ts';
export * from './json-depth.ts';
