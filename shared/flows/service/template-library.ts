import { builtInTemplates } from '../templates/index.ts';
import type { FlowsPorts, TemplatePage } from './ports.ts';
import { templateSummaryOf, type TemplateSummary } from './template-service.ts';

const builtInSummaries = (): TemplateSummary[] =>
  builtInTemplates.map((template) => ({
    id: template.id,
    name: template.name,
    description: template.description,
    builtIn: true,
    nodeCount: template.nodeCount,
    category: template.category,
    workspaceId: null,
  }));

export interface TemplateListPage {
  items: TemplateSummary[];
  /** Where the next page starts (the last workspace template of this one); null on the last page. */
  next: { createdAt: Date; id: string } | null;
}

/** The templates a workspace can start from: the built-in library and its own. */
export const createTemplateLibrary = (ports: FlowsPorts) => ({
  /**
   * A page of templates. The built-ins (a fixed handful) come on the first page; a workspace's own
   * (its membership checked by the caller) follow newest first, `page.limit` at a time, read as
   * summaries (their documents stay unread). Without a workspace there is one page.
   */
  list: async (workspaceId: string | null, page: TemplatePage): Promise<TemplateListPage> => {
    const builtIn = page.after === null ? builtInSummaries() : [];
    if (workspaceId === null) return { items: builtIn, next: null };
    const found = await ports.templates.listSummaries(workspaceId, { after: page.after, limit: page.limit + 1 });
    const own = found.slice(0, page.limit);
    const last = own.at(-1);
    return {
      items: [...builtIn, ...own.map(templateSummaryOf)],
      next: found.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  },
});
