import type { ConfigFragment } from '../../shared/platform/config/fragment.ts';
import type { FunctionDefinition } from '../../shared/platform/definition/index.ts';
import { configFragmentsOf } from '../../shared/platform/runtime.ts';

/**
 * Every configuration fragment some function reads (through `uses`, its access decision, its
 * rate-limit class and what those require), once each, sorted by name: the runtime secret's keys
 * and the variables `.env.example` and the README must document. Derived, so a fragment cannot
 * be forgotten.
 */
export const usedConfigFragments = (definitions: readonly FunctionDefinition[]): ConfigFragment[] =>
  [...new Set(definitions.flatMap((definition) => configFragmentsOf(definition)))].sort((a, b) => a.name.localeCompare(b.name));
