export * from './access-token.ts';
export * from './accounts.ts';
export * from './email.ts';
export * from './lockout.ts';
export * from './password-policy.ts';
export * from './ports.ts';
export * from './refresh-rotation.ts';
export * from './session-service.ts';
