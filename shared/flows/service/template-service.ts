import { loadForCaller, requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import type { WorkspaceTemplate, WorkspaceTemplateSummary } from './records.ts';
import { flowServiceErrors } from './service-errors.ts';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  nodeCount: number;
  category: string | null;
  workspaceId: string | null;
}

export const templateSummaryOf = (template: WorkspaceTemplateSummary): TemplateSummary => ({
  id: template.id,
  name: template.name,
  description: template.description,
  builtIn: false,
  nodeCount: template.nodeCount,
  category: null,
  workspaceId: template.workspaceId,
});

/** Templates that workspaces save from their flows. */
export const createTemplateService = (ports: FlowsPorts) => ({
  /** Saves a flow of the workspace (its latest version) as a template. @throws FLOW_NOT_FOUND for another workspace's flow. */
  save: async (caller: FlowCaller, workspaceId: string, input: { flowId: string; name: string; description: string }) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    const flow = await loadForCaller(ports, caller, input.flowId, 'flows:read');
    if (flow.workspaceId !== workspaceId) throw flowServiceErrors.notFound();
    const template: WorkspaceTemplate = {
      id: ports.newId('tpl'),
      workspaceId,
      name: input.name,
      description: input.description,
      document: flow.document,
      sourceFlowId: input.flowId,
      createdBy: caller.userId,
      createdAt: ports.clock.now(),
    };
    await ports.templates.insert(template);
    return templateSummaryOf({ ...template, nodeCount: template.document.nodes.length });
  },
});
