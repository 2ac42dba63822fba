export * from './consent.ts';
export * from './consent-service.ts';
export * from './erasure.ts';
export * from './export.ts';
export * from './export-service.ts';
export * from './restriction.ts';
export * from './requests.ts';
export * from './dpo-service.ts';
