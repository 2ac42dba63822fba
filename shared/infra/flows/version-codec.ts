import { flowDocumentSchema, readProvenance, type FlowVersion } from '../../flows/index.ts';

/** A version as JSON for the cache (dates as ISO strings). */
export const encodeVersion = (version: FlowVersion): string => JSON.stringify(version);

/**
 * Reads a cached version back; null when it does not parse (a cache entry is never trusted blindly).
 * Entries cached before versions recorded their provenance read as made by their author.
 */
export const decodeVersion = (text: string): FlowVersion | null => {
  try {
    const raw = JSON.parse(text) as Omit<FlowVersion, 'provenance'> & { createdAt: string; provenance?: unknown };
    const document = flowDocumentSchema.parse(raw.document);
    return { ...raw, document, provenance: readProvenance(raw.provenance, raw.authorId), createdAt: new Date(raw.createdAt) };
  } catch {
    return null;
  }
};
