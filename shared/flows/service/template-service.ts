import { loadForCaller, requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts, TemplatePage } from './ports.ts';
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

export interface TemplateListPage {
  items: TemplateSummary[];
  /** Where the next page starts (the last template of this one); null on the last page. */
  next: { createdAt: Date; id: string } | null;
}

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

  /**
   * A page of the workspace's own templates, newest first, `page.limit` at a time, read as summaries
   * (their documents stay unread: a template saved under older rules still lists). The caller's
   * membership is checked by the route's guard, as for the flow list.
   */
  list: async (workspaceId: string, page: TemplatePage): Promise<TemplateListPage> => {
    const found = await ports.templates.listSummaries(workspaceId, { after: page.after, limit: page.limit + 1 });
    const own = found.slice(0, page.limit);
    const last = own.at(-1);
    return {
      items: own.map(templateSummaryOf),
      next: found.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  },
});
