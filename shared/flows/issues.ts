/** Where in the document an issue sits, e.g. `['edges', 3, 'target']`. */
export type IssuePath = (string | number)[];

/** One finding of `validateFlow`; `rule` is stable (clients and tests key on it), `message` is for people. */
export interface FlowIssue {
  rule: string;
  message: string;
  path: IssuePath;
  /** Ids of the nodes, edges, frames or personas involved. */
  ids: string[];
}

export interface FlowValidation {
  /** The write is refused when there is at least one. */
  errors: FlowIssue[];
  /** Returned to the caller; the write goes ahead. */
  warnings: FlowIssue[];
}

/** Limits that depend on the workspace's plan (docs/product.md, "Plans": nodes per flow). */
export interface FlowLimits {
  nodesPerFlow: number;
}

/** Limits that are the same on every plan (docs/product.md, "The `.uxflow` document"). */
export const fixedFlowLimits = {
  edgesPerNode: 2,
  nodeBytes: 10 * 1024,
  documentBytes: 5 * 1024 * 1024,
  nodesPerFrame: 500,
  subflowDepth: 5,
} as const;

export const issue = (rule: string, message: string, path: IssuePath, ids: string[] = []): FlowIssue => ({ rule, message, path, ids });
