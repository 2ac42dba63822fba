import type { ProposedOperation } from './agents.ts';
import { aiRequestErrors } from './request-errors.ts';
import { createdIds, referencedIds } from './operation-ids.ts';

/**
 * The operations a client picked, in the proposal's order. A selection must be closed: an
 * operation that names something another operation of the proposal creates (an edge and its new
 * nodes, a node and its new frame) needs that operation selected too.
 * @throws UNKNOWN_OPERATIONS / SELECTION_NOT_CLOSED (422).
 */
export const selectOperations = (
  operations: readonly ProposedOperation[],
  operationIds: readonly string[] | undefined,
): ProposedOperation[] => {
  if (operationIds === undefined) return [...operations];
  const wanted = new Set(operationIds);
  const unknown = [...wanted].filter((id) => !operations.some((proposed) => proposed.id === id));
  if (unknown.length > 0) throw aiRequestErrors.unknownOperations(unknown);
  const creator = new Map<string, string>();
  for (const proposed of operations) for (const id of createdIds(proposed.operation)) creator.set(id, proposed.id);
  const created = new Set(creator.keys());
  const selected = operations.filter((proposed) => wanted.has(proposed.id));
  const missing = selected.flatMap((proposed) => {
    const needs = [
      ...new Set(
        referencedIds(proposed.operation, created)
          .map((id) => creator.get(id) ?? '')
          .filter((operationId) => operationId !== '' && !wanted.has(operationId)),
      ),
    ];
    return needs.length > 0 ? [{ operationId: proposed.id, needs }] : [];
  });
  if (missing.length > 0) throw aiRequestErrors.selectionNotClosed(missing);
  return selected;
};
