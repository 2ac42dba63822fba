// Runtime-safe exports only: the metadata schema and validation (zod builds schemas at import)
// live in metadata-schema.ts and validate.ts, imported by the build scripts, never by a bundle.
export * from './metadata.ts';
export * from './define.ts';
export * from './access.ts';
export * from './identity.ts';
export type * from './presets.ts';
