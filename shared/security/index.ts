export * from './security-event.ts';
export * from './system-service.ts';
