import type { ProposedOperation } from '../agents.ts';
import { parseOperation } from './operations-output.ts';

/**
 * Turns the architect's streamed answer (partial objects of `{operations: [{rationale, operation}]}`)
 * into complete operations as they are produced: an item is complete once the next one has begun,
 * and the last one when the answer is. Items that do not parse are not told (the answer's own
 * parsing reports them); a retried or repeated call tells the same ids again, which replace the
 * earlier ones.
 */
export const operationStream = (onOperation: (operation: ProposedOperation) => void) => {
  let told = 0;
  let first = '';
  const textOf = (item: unknown) => {
    const operation = (item as { operation?: unknown } | null)?.operation;
    return typeof operation === 'string' ? operation : '';
  };
  const tell = (item: unknown, index: number) => {
    const { rationale, operation } = (item ?? {}) as { rationale?: unknown; operation?: unknown };
    if (typeof operation !== 'string' || typeof rationale !== 'string') return;
    const id = `op${index + 1}`;
    const parsed = parseOperation(operation, id);
    if ('operation' in parsed) onOperation({ id, operation: parsed.operation, rationale: rationale.trim().split('\n')[0] ?? '' });
  };
  return {
    onPartial: (partial: unknown) => {
      const items = (partial as { operations?: unknown } | null)?.operations;
      if (!Array.isArray(items)) return;
      // A shorter list, or a first item that is not the one told: a new attempt started over; its items are told again as they complete.
      if (told > 0 && (items.length < told || !first.startsWith(textOf(items[0])))) told = 0;
      for (; told < items.length - 1; told++) {
        if (told === 0) first = textOf(items[0]);
        tell(items[told], told);
      }
    },
  };
};
