import { completeDocument, initialDocumentVersion } from '../complete-document.ts';
import { type FlowDocument, flowDocumentSchema } from '../schema.ts';
import type { LibraryFile } from './library-file.ts';
import { libraryFiles } from './library-files.ts';

/** A template of the built-in library: a `.uxflow` 2.0 file in `library/<category>/<slug>.uxflow.json`. */
export interface FlowTemplate {
  /** `builtin-<slug>`; workspace templates use `tpl_…` ids, so the two never collide. */
  id: string;
  /** The document's `metadata.flowName`. */
  name: string;
  /** The document's `metadata.description`. */
  description: string;
  /** The file's folder, e.g. `authentication`, `commerce`, `billing`. */
  category: string;
  nodeCount: number;
  /**
   * The document, completed (absent `frames`, `version`… filled) and checked against the schema on first use.
   * Every read returns a fresh deep copy, so callers may change it freely without touching the library.
   */
  document: FlowDocument;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const fileName = (file: LibraryFile) => `templates/library/${file.category}/${file.slug}.uxflow.json`;

/** The checked document of a file. @throws Error naming the file and its problems (a test keeps every file valid). */
const loadTemplate = (file: LibraryFile): FlowDocument => {
  const parsed = flowDocumentSchema.safeParse(completeDocument(file.json).document);
  // The version is the server's: a file exported from a flow at version 7 still starts new flows at 1.0.0.
  if (parsed.success) return { ...parsed.data, metadata: { ...parsed.data.metadata, version: initialDocumentVersion } };
  const problems = parsed.error.issues.map((found) => `${found.path.join('.')}: ${found.message}`);
  throw new Error(`${fileName(file)} is not a valid .uxflow 2.0 document: ${problems.join('; ')}`);
};

// The listing reads only the name, description and node count, so a cold start checks no document it does not use.
const toFlowTemplate = (file: LibraryFile): FlowTemplate => {
  const json = isRecord(file.json) ? file.json : {};
  const metadata = isRecord(json.metadata) ? json.metadata : {};
  let checked: FlowDocument | undefined;
  return Object.freeze({
    id: `builtin-${file.slug}`,
    name: typeof metadata.flowName === 'string' ? metadata.flowName : file.slug,
    description: typeof metadata.description === 'string' ? metadata.description : '',
    category: file.category,
    nodeCount: Array.isArray(json.nodes) ? json.nodes.length : 0,
    get document(): FlowDocument {
      checked ??= loadTemplate(file);
      return structuredClone(checked);
    },
  });
};

/** The built-in library, sorted by category then slug. */
export const builtInTemplates: readonly FlowTemplate[] = Object.freeze(libraryFiles.map(toFlowTemplate));

/** The built-in template with this id, or `null` (workspace `tpl_…` ids are never found here). */
export const findBuiltInTemplate = (id: string): FlowTemplate | null => builtInTemplates.find((template) => template.id === id) ?? null;
