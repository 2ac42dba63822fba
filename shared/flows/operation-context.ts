import type { LayoutEngine } from './layout-engine.ts';

/** What `applyOperations` needs from the outside world: ids and the time, passed in so the core stays pure. */
export interface OperationContext {
  /** A new unique id with the given prefix (e.g. `newId` of shared/kernel); must match `flowIdPattern`. */
  newId: (prefix: string) => string;
  now: () => Date;
  /** The layout library, for AUTO_LAYOUT (loaded by the caller only when a batch has one). */
  layout?: LayoutEngine;
}
