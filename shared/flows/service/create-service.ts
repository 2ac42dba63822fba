import type { FlowDocument } from '../schema.ts';
import { findBuiltInTemplate } from '../templates/index.ts';
import { blankFlow, renamed } from './blank-flow.ts';
import { createFrom } from './flow-creation.ts';
import { requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { flowServiceErrors } from './service-errors.ts';

const templateDocument = async (ports: FlowsPorts, workspaceId: string, templateId: string): Promise<FlowDocument> => {
  const builtIn = findBuiltInTemplate(templateId);
  if (builtIn) return structuredClone(builtIn.document);
  const saved = await ports.templates.find(templateId);
  if (saved?.workspaceId !== workspaceId) throw flowServiceErrors.templateNotFound();
  return saved.document;
};

/** Creating flows in a workspace: blank or from a template. */
export const createFlowCreateService = (ports: FlowsPorts) => ({
  /** A new flow, blank or from a built-in or workspace template. @throws FLOW_LIMIT_REACHED, TEMPLATE_NOT_FOUND. */
  create: async (caller: FlowCaller, workspaceId: string, input: { name: string; description?: string; templateId?: string }) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    const document = input.templateId
      ? renamed(await templateDocument(ports, workspaceId, input.templateId), input.name, input.description)
      : blankFlow(input.name, input.description);
    const text = input.templateId ? `created from template ${input.templateId}` : 'created';
    return createFrom(ports, caller, workspaceId, document, { kind: 'created', text, sourceId: input.templateId ?? null });
  },
});
