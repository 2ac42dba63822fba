import { isSealedValue, type FieldContext, type SealedValue } from './envelope.ts';
import type { FieldSealer } from './field-sealer.ts';

/**
 * Free text and structured content sealed in place of a field, under the data key of the subject
 * it belongs to: the author (a person's AI messages and what was built from them) or the
 * workspace (its knowledge documents). The record id in the associated data binds a value to its
 * record, so a value copied into another record does not open.
 */
export interface ContentSealer {
  /** Seals `text` for the field `field` of `recordId` in `collection`. */
  text: (subjectId: string, collection: string, field: string, recordId: string, text: string) => Promise<SealedValue>;
  /** Seals a JSON value (arrays and objects kept whole: one seal per record, not per item). */
  json: (subjectId: string, collection: string, field: string, recordId: string, value: unknown) => Promise<SealedValue>;
  /**
   * The text of a stored value: a plain string (written before sealing began) as it is; null when
   * the subject's key was destroyed (erased). Throws when a value does not open (tampered, misplaced).
   */
  openText: (subjectId: string, collection: string, field: string, recordId: string, stored: unknown) => Promise<string | null>;
  /** The JSON value of a stored field: a plain (never sealed) value as it is; null when the key was destroyed. */
  openJson: <T>(subjectId: string, collection: string, field: string, recordId: string, stored: unknown) => Promise<T | null>;
}

const contextOf = (collection: string, field: string, recordId: string): FieldContext => ({ collection, field, recordId });

export const createContentSealer = (sealer: FieldSealer): ContentSealer => ({
  text: (subjectId, collection, field, recordId, text) => sealer.seal(subjectId, contextOf(collection, field, recordId), text),
  json: (subjectId, collection, field, recordId, value) =>
    sealer.seal(subjectId, contextOf(collection, field, recordId), JSON.stringify(value)),
  openText: async (subjectId, collection, field, recordId, stored) => {
    if (typeof stored === 'string' || stored === null) return stored;
    if (!isSealedValue(stored)) throw new Error(`${collection}.${field} of ${recordId} is neither text nor a sealed value`);
    return sealer.open(subjectId, contextOf(collection, field, recordId), stored);
  },
  openJson: async <T>(subjectId: string, collection: string, field: string, recordId: string, stored: unknown) => {
    if (!isSealedValue(stored)) return stored as T;
    const text = await sealer.open(subjectId, contextOf(collection, field, recordId), stored);
    return text === null ? null : (JSON.parse(text) as T);
  },
});
