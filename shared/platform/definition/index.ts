// Runtime-safe exports only: validation (which builds zod schemas at import) lives in validate.ts
// and is imported by the build scripts, never by a function bundle.
export * from './metadata.ts';
export * from './define.ts';
