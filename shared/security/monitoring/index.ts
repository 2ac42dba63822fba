export * from './alert-mail.ts';
export * from './incident-state.ts';
export * from './monitor-service.ts';
export * from './ports.ts';
export * from './records.ts';
export * from './staff-service.ts';
