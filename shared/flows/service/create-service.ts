import { completeDocument } from '../complete-document.ts';
import { flowDocumentSchema, type FlowDocument } from '../schema.ts';
import { findBuiltInTemplate } from '../templates/index.ts';
import { validateFlow } from '../validate.ts';
import { blankFlow, renamed } from './blank-flow.ts';
import { createFrom } from './flow-creation.ts';
import { requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { flowServiceErrors } from './service-errors.ts';

export interface CreateFlowInput {
  name: string;
  description?: string;
  /** A built-in (`builtin-…`) or workspace (`tpl_…`) template to start from. */
  templateId?: string;
  /** A `.uxflow` 2.0 document to start from (absent optional collections and version are completed). */
  document?: unknown;
}

const templateDocument = async (ports: FlowsPorts, workspaceId: string, templateId: string): Promise<FlowDocument> => {
  const builtIn = findBuiltInTemplate(templateId);
  if (builtIn) return structuredClone(builtIn.document);
  const saved = await ports.templates.find(templateId);
  if (saved?.workspaceId !== workspaceId) throw flowServiceErrors.templateNotFound();
  return saved.document;
};

/** A document a caller sends, completed; refused with every schema and rule problem at once. @throws FLOW_INVALID */
const givenDocument = (raw: unknown): FlowDocument => {
  const parsed = flowDocumentSchema.safeParse(completeDocument(raw).document);
  if (parsed.success) return parsed.data;
  const { errors, warnings } = validateFlow(raw, { nodesPerFlow: Number.MAX_SAFE_INTEGER });
  throw flowServiceErrors.invalidDocument(errors, warnings);
};

const origin = (input: CreateFlowInput) => {
  if (input.templateId !== undefined) return { text: `created from template ${input.templateId}`, sourceId: input.templateId };
  return { text: input.document === undefined ? 'created' : 'created from a document', sourceId: null };
};

/** Creating flows in a workspace: blank, from a template or from a document. */
export const createFlowCreateService = (ports: FlowsPorts) => ({
  /**
   * A new flow, blank, from a built-in or workspace template, or from a 2.0 document; named `name` in every case.
   * @throws FLOW_LIMIT_REACHED, TEMPLATE_NOT_FOUND, FLOW_INVALID.
   */
  create: async (caller: FlowCaller, workspaceId: string, input: CreateFlowInput) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    let document: FlowDocument;
    if (input.templateId !== undefined)
      document = renamed(await templateDocument(ports, workspaceId, input.templateId), input.name, input.description);
    else if (input.document !== undefined) document = renamed(givenDocument(input.document), input.name, input.description);
    else document = blankFlow(input.name, input.description);
    return createFrom(ports, caller, workspaceId, document, { kind: 'created', ...origin(input) });
  },
});
