import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOperations, validateFlow, type FlowOperation } from '../../../shared/flows/index.ts';
import { limits, testContext, validFlow } from './fixtures.ts';
import { intentArbitrary, validBatch } from './operation-arbitraries.ts';

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

const intents = fc.array(intentArbitrary, { minLength: 1, maxLength: 40 });

describe('applyOperations properties', () => {
  it('should leave no validation errors when a random batch of valid operations is applied', () => {
    fc.assert(
      fc.property(intents, (steps) => {
        const ops = validBatch(validFlow(), steps);
        fc.pre(ops.length > 0);
        const { document, summary } = applyOperations(validFlow(), ops, testContext());
        expect(validateFlow(document, limits).errors).toEqual([]);
        expect(summary.count).toBe(ops.length);
      }),
    );
  });

  it('should never mutate the document or the operations when a batch succeeds or fails', () => {
    const ghost: FlowOperation = { type: 'DELETE_NODE', id: 'ghost' };
    fc.assert(
      fc.property(intents, fc.boolean(), (steps, shouldFail) => {
        const ops = validBatch(validFlow(), steps);
        const batch = deepFreeze(shouldFail ? [...ops, ghost] : ops);
        const input = deepFreeze(validFlow());
        const before = structuredClone(input);
        try {
          const { document } = applyOperations(input, batch, testContext());
          expect(document).not.toBe(input);
        } catch (error) {
          expect(error).toMatchObject({ code: 'OPERATIONS_FAILED' });
        }
        expect(input).toEqual(before);
      }),
    );
  });
});
