import type { FlowIssue } from '../issues.ts';
import { flowWarnings } from '../warning-rules.ts';
import { loadForCaller } from './flow-reader.ts';
import type { FlowCaller, FlowListQuery, FlowsPorts } from './ports.ts';
import type { FlowVersion } from './records.ts';

/** A version and the warnings of its document. */
export interface WriteResult {
  version: FlowVersion;
  warnings: FlowIssue[];
}

/** Reading and listing flows. */
export const createFlowReadService = (ports: FlowsPorts) => ({
  /** The latest version and its current warnings. @throws FLOW_NOT_FOUND. */
  get: async (caller: FlowCaller, flowId: string): Promise<WriteResult> => {
    const version = await loadForCaller(ports, caller, flowId, 'flows:read');
    // Stored documents passed every rule when written; warnings need neither the plan nor a re-parse.
    return { version, warnings: flowWarnings(version.document) };
  },

  /** Summaries of the workspace's flows (the caller's membership was checked by the route). */
  list: (workspaceId: string, query: FlowListQuery) => ports.heads.list(workspaceId, query),
});
