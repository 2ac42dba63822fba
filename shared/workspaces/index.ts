export * from './roles.ts';
export * from './personal-workspace.ts';
