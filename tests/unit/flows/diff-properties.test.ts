import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOperations, diffFlows, isEmptyDiff, type FlowDocument } from '../../../shared/flows/index.ts';
import { testContext, validFlow } from './fixtures.ts';
import { intentArbitrary, validBatch } from './operation-arbitraries.ts';

/** JSON with sorted keys: equal strings ⇔ equal content, whatever the key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : 1)))
      : inner,
  );

/** The expected ids, computed directly: present only after, only before, or in both with different content. */
const expectedIds = (before: readonly { id: string }[], after: readonly { id: string }[]) => {
  const older = new Map(before.map((item) => [item.id, canonical(item)]));
  const newer = new Map(after.map((item) => [item.id, canonical(item)]));
  return {
    added: after.map((item) => item.id).filter((id) => !older.has(id)),
    removed: before.map((item) => item.id).filter((id) => !newer.has(id)),
    changed: before.map((item) => item.id).filter((id) => newer.has(id) && newer.get(id) !== older.get(id)),
  };
};

const valueAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      root,
    );

const intents = fc.array(intentArbitrary, { minLength: 1, maxLength: 40 });

describe('diffFlows properties', () => {
  it('should report exactly the ids whose content changed when a random valid batch is applied', () => {
    fc.assert(
      fc.property(intents, (steps) => {
        const a = validFlow();
        const b: FlowDocument = applyOperations(a, validBatch(a, steps), testContext()).document;
        const diff = diffFlows(a, b);
        const kinds = [
          [diff.nodes, a.nodes, b.nodes],
          [diff.edges, a.edges, b.edges],
          [diff.frames, a.frames, b.frames],
          [diff.personas, a.metadata.personas ?? [], b.metadata.personas ?? []],
        ] as const;
        for (const [entity, before, after] of kinds) {
          expect({ ...entity, changed: entity.changed.map((change) => change.id) }).toEqual(expectedIds(before, after));
          for (const change of entity.changed) {
            const from = before.find((item) => item.id === change.id);
            const to = after.find((item) => item.id === change.id);
            for (const field of change.fields) {
              expect(canonical(field.from)).toBe(canonical(valueAt(from, field.path)));
              expect(canonical(field.to)).toBe(canonical(valueAt(to, field.path)));
            }
          }
        }
        const withoutPersonas = (doc: FlowDocument): string => canonical({ ...doc.metadata, personas: undefined });
        expect(diff.metadata.changed.length === 0).toBe(withoutPersonas(a) === withoutPersonas(b));
      }),
    );
  });

  it('should report nothing when a document is compared with itself or a copy', () => {
    fc.assert(
      fc.property(intents, (steps) => {
        const a = applyOperations(validFlow(), validBatch(validFlow(), steps), testContext()).document;
        expect(isEmptyDiff(diffFlows(a, a))).toBe(true);
        expect(isEmptyDiff(diffFlows(a, structuredClone(a)))).toBe(true);
      }),
    );
  });
});
