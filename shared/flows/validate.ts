import { completeDocument } from './complete-document.ts';
import { type FlowIssue, type FlowLimits, type FlowValidation } from './issues.ts';
import { limitErrors } from './limit-rules.ts';
import { referenceErrors } from './reference-rules.ts';
import { salvageDocument, schemaIssues } from './salvage.ts';
import { type FlowDocument, flowDocumentSchema } from './schema.ts';
import { flowWarnings } from './warning-rules.ts';

export interface ValidateFlowOptions {
  /** The flow's own id, to refuse a subflow node that embeds it. */
  flowId?: string;
}

const ruleFindings = (doc: FlowDocument, limits: FlowLimits, options: ValidateFlowOptions): FlowValidation => ({
  errors: [...referenceErrors(doc), ...limitErrors(doc, limits, options.flowId)],
  warnings: flowWarnings(doc),
});

/**
 * Checks a `.uxflow` 2.0 document against every rule of the product. Pure; never throws.
 * What a document may leave out (`frames`, `metadata.personas`, `metadata.tags`, the server-managed
 * `metadata.version`) is completed first. Schema violations (`SCHEMA_VIOLATION`, each naming the item it sits in)
 * come together with the rule findings about the rest of the document, so one answer lists every problem.
 */
export const validateFlow = (doc: unknown, limits: FlowLimits, options: ValidateFlowOptions = {}): FlowValidation => {
  const { document } = completeDocument(doc);
  const parsed = flowDocumentSchema.safeParse(document);
  if (parsed.success) return ruleFindings(parsed.data, limits, options);
  const schemaErrors = schemaIssues(document, parsed.error);
  const salvaged = salvageDocument(document);
  if (salvaged === null) return { errors: schemaErrors, warnings: [] };
  const aboutStandIn = (found: FlowIssue) => found.ids.some((id) => salvaged.nodeStandIns.has(id));
  const rules = ruleFindings(salvaged.document, limits, options);
  return {
    errors: [...schemaErrors, ...rules.errors.filter((found) => !aboutStandIn(found))],
    warnings: rules.warnings.filter((found) => !aboutStandIn(found)),
  };
};
