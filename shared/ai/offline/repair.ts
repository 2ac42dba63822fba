import { applyOperations, lintFlow, type FlowDocument } from '../../flows/index.ts';
import type { OperationError, ProposedOperation } from '../agents.ts';
import { checkContext } from './draft.ts';

/*
 * A repair round without a model: the operations the validator named are dropped (and any that no
 * longer apply without them), then the lint's own fixes are added for the errors it still finds.
 * The kept operations keep their ids, so the client's selection and the step log stay readable.
 */
export const repairOperations = (
  flow: FlowDocument,
  attempt: { operations: readonly ProposedOperation[]; errors: readonly OperationError[] },
): ProposedOperation[] => {
  const failed = new Set(attempt.errors.flatMap((error) => (error.operationId === null ? [] : [error.operationId])));
  const kept: ProposedOperation[] = [];
  let doc = flow;
  for (const entry of attempt.operations) {
    if (failed.has(entry.id)) continue;
    try {
      doc = applyOperations(doc, [entry.operation], checkContext()).document;
      kept.push(entry);
    } catch {
      // Built on a dropped operation: it goes too.
    }
  }
  let next = attempt.operations.length + 1;
  for (const finding of lintFlow(doc).filter((found) => found.severity === 'error' && found.fix !== undefined)) {
    try {
      doc = applyOperations(doc, finding.fix!, checkContext()).document;
      for (const operation of finding.fix!)
        kept.push({ id: `op${next++}`, operation, rationale: `Repair: ${finding.rule} — ${finding.message}` });
    } catch {
      // A fix that does not apply on top of the others is left to the next round.
    }
  }
  return kept;
};
