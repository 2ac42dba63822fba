export * from './fragment.ts';
export * from './load-config.ts';
export * from './platform-config.ts';
