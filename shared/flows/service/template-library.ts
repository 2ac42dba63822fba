import { builtInTemplates } from '../templates/index.ts';
import type { FlowsPorts } from './ports.ts';
import { templateSummaryOf, type TemplateSummary } from './template-service.ts';

/** The templates a workspace can start from: the built-in library and its own. */
export const createTemplateLibrary = (ports: FlowsPorts) => ({
  /** The built-in templates; with a workspace (its membership checked by the caller), also the workspace's own. */
  list: async (workspaceId: string | null): Promise<TemplateSummary[]> => {
    const builtIn = builtInTemplates.map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description,
      builtIn: true,
      nodeCount: template.nodeCount,
      category: template.category,
      workspaceId: null,
    }));
    if (workspaceId === null) return builtIn;
    return [...builtIn, ...(await ports.templates.listByWorkspace(workspaceId)).map(templateSummaryOf)];
  },
});
