import { type FlowLimits, type FlowValidation, issue } from './issues.ts';
import { limitErrors } from './limit-rules.ts';
import { referenceErrors } from './reference-rules.ts';
import { flowDocumentSchema } from './schema.ts';
import { flowWarnings } from './warning-rules.ts';

export interface ValidateFlowOptions {
  /** The flow's own id, to refuse a subflow node that embeds it. */
  flowId?: string;
}

/**
 * Checks a `.uxflow` 2.0 document against every rule of PRODUCT.md. Pure; never throws.
 * A document that does not match the schema gets only `SCHEMA_VIOLATION` errors (the other rules need its shape).
 */
export const validateFlow = (doc: unknown, limits: FlowLimits, options: ValidateFlowOptions = {}): FlowValidation => {
  const parsed = flowDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((found) =>
      issue(
        'SCHEMA_VIOLATION',
        found.message,
        found.path.map((key) => (typeof key === 'number' ? key : String(key))),
      ),
    );
    return { errors, warnings: [] };
  }
  const errors = [...referenceErrors(parsed.data), ...limitErrors(parsed.data, limits, options.flowId)];
  return { errors, warnings: flowWarnings(parsed.data) };
};
