import type { FlowOperation } from '../operation-schema.ts';
import type { FlowDocument } from '../schema.ts';

/** `error`: a user can get stuck or a part of the flow can never be used; `warning`: a missing UX state; `info`: a hint. */
export const lintSeverities = ['error', 'warning', 'info'] as const;
export type LintSeverity = (typeof lintSeverities)[number];

/** One finding of the UX lint; `rule` is stable (clients and the AI's validator key on it), `message` is for people. */
export interface LintFinding {
  rule: string;
  severity: LintSeverity;
  /** The nodes the finding is about, the first one being where to look. */
  nodeIds: string[];
  message: string;
  /** Operations of the flows engine that remove this finding when applied; only where the fix is obvious. */
  fix?: FlowOperation[];
}

/** A lint rule: pure, reads the document only. */
export type LintRule = (doc: FlowDocument) => LintFinding[];

export const lintFinding = (
  rule: string,
  severity: LintSeverity,
  nodeIds: string[],
  message: string,
  fix?: FlowOperation[],
): LintFinding => ({ rule, severity, nodeIds, message, ...(fix === undefined || fix.length === 0 ? {} : { fix }) });
