export * from './consent.ts';
export * from './consent-service.ts';
export * from './erasure.ts';
export * from './erasure-run.ts';
export * from './retention.ts';
