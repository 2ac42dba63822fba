import { builtInTemplates } from '../templates/index.ts';
import type { TemplateSummary } from './template-service.ts';

/**
 * The built-in library as summaries: public and the same for everyone, so its route answers it to
 * anyone and lets a CDN keep it. A workspace's own templates are another, guarded route
 * (`createTemplateService(ports).list`).
 */
export const builtInTemplateSummaries = (): TemplateSummary[] =>
  builtInTemplates.map((template) => ({
    id: template.id,
    name: template.name,
    description: template.description,
    builtIn: true,
    nodeCount: template.nodeCount,
    category: template.category,
    workspaceId: null,
  }));
