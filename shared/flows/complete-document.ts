/** The version a document gets when it arrives without one; the server sets the real one when it stores a version. */
export const initialDocumentVersion = '1.0.0';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fills what a document may leave out: the optional collections (`frames`, `metadata.personas`, `metadata.tags`)
 * and the server-managed `metadata.version`. Only absent keys are filled (a present but wrong value is left for
 * the schema to report), so the checks that follow see the document's real problems. Pure; never throws.
 * @returns the completed document (a shallow copy; `raw` itself when it is not an object) and the paths filled.
 */
export const completeDocument = (raw: unknown): { document: unknown; filled: string[] } => {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return { document: raw, filled: [] };
  const filled: string[] = [];
  const fill = (where: Record<string, unknown>, key: string, path: string, value: unknown): unknown => {
    if (where[key] !== undefined) return where[key];
    filled.push(path);
    return value;
  };
  const metadata = raw.metadata;
  const document = {
    ...raw,
    metadata: {
      ...metadata,
      version: fill(metadata, 'version', 'metadata.version', initialDocumentVersion),
      tags: fill(metadata, 'tags', 'metadata.tags', []),
      personas: fill(metadata, 'personas', 'metadata.personas', []),
    },
    frames: fill(raw, 'frames', 'frames', []),
  };
  return { document, filled };
};
