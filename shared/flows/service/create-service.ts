import { completeDocument } from '../complete-document.ts';
import { flowDocumentSchema, type FlowDocument } from '../schema.ts';
import { findBuiltInTemplate } from '../templates/index.ts';
import { validateFlow } from '../validate.ts';
import { blankFlow, renamed } from './blank-flow.ts';
import { createFrom, earlierAttempt, type CreatedFlow } from './flow-creation.ts';
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

export interface FlowCreateService {
  create: (caller: FlowCaller, workspaceId: string, input: CreateFlowInput, options?: { flowId?: string }) => Promise<CreatedFlow>;
  createOnce: (caller: FlowCaller, workspaceId: string, input: CreateFlowInput, flowId: string) => Promise<CreatedFlow>;
}

/** Creating flows in a workspace: blank, from a template or from a document. */
export const createFlowCreateService = (ports: FlowsPorts): FlowCreateService => ({
  /**
   * A new flow, blank, from a built-in or workspace template, or from a 2.0 document; named `name` in every case.
   * @throws FLOW_LIMIT_REACHED, TEMPLATE_NOT_FOUND, FLOW_INVALID.
   */
  create: async (caller: FlowCaller, workspaceId: string, input: CreateFlowInput, options: { flowId?: string } = {}) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    let document: FlowDocument;
    if (input.templateId !== undefined)
      document = renamed(await templateDocument(ports, workspaceId, input.templateId), input.name, input.description);
    else if (input.document !== undefined) document = renamed(givenDocument(input.document), input.name, input.description);
    else document = blankFlow(input.name, input.description);
    return createFrom(ports, caller, workspaceId, document, { kind: 'created', ...origin(input) }, options.flowId);
  },

  /**
   * `create` under an id the caller derived from its request's idempotency key: a retry (or a racing
   * twin) of a request whose first attempt created the flow gets that flow back instead of a second
   * one. Version 1's insert decides between racers; a loser finds the winner's flow.
   */
  createOnce: async (caller: FlowCaller, workspaceId: string, input: CreateFlowInput, flowId: string): Promise<CreatedFlow> => {
    const earlier = await earlierAttempt(ports, caller, workspaceId, flowId);
    if (earlier) return earlier;
    try {
      return await createFlowCreateService(ports).create(caller, workspaceId, input, { flowId });
    } catch (error) {
      // A racing twin took version 1 (FLOW_BUSY here) or the last place of the flows limit.
      const twin = await earlierAttempt(ports, caller, workspaceId, flowId);
      if (twin) return twin;
      throw error;
    }
  },
});
