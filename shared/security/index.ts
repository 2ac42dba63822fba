export * from './security-event.ts';
export * from './system-service.ts';
export * from './detection/index.ts';
export * from './monitoring/index.ts';
export * from './network.ts';
