export * from './security-event.ts';
