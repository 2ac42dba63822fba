import type { FlowIssue } from '../issues.ts';
import { validateFlow } from '../validate.ts';
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
    const { limits } = await ports.plans.limitsOf(version.workspaceId);
    return { version, warnings: validateFlow(version.document, limits, { flowId }).warnings };
  },

  /** Summaries of the workspace's flows (the caller's membership was checked by the route). */
  list: (workspaceId: string, query: FlowListQuery) => ports.heads.list(workspaceId, query),
});
