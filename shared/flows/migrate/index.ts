import type { z } from 'zod';
import { DomainError } from '../../kernel/index.ts';
import { schemaIssues } from '../salvage.ts';
import { type FlowDocument, flowDocumentSchema } from '../schema.ts';
import { isRecord } from './fields.ts';
import { type MigrationReport, type ReportBuilder, type SourceDialect, createReport } from './report.ts';
import { convertV1 } from './v1.ts';
import { v1DocumentSchema, v1NodeTypes } from './v1-schema.ts';
import { convertWeb } from './web.ts';
import { webDocumentSchema, webNodeTypes } from './web-schema.ts';

export * from './report.ts';
export { v1NodeTypes } from './v1-schema.ts';
export { webNodeTypes } from './web-schema.ts';

const dialectNames: Record<SourceDialect, string> = {
  '1.x': 'a .uxflow 1.x document',
  'web-2.x': 'a document of the earlier web app',
  '2.0': 'a .uxflow 2.0 document',
};

/** FLOW_IMPORT_INVALID (400): every place the document cannot be read, with the node, edge or frame it is in. */
const importInvalid = (what: string, raw: unknown, error: z.ZodError, changes?: ReportBuilder) =>
  new DomainError('invalid', 'FLOW_IMPORT_INVALID', {
    detail: `The document cannot be read as ${what}.`,
    extensions: {
      issues: schemaIssues(raw, error).map(({ message, path, ids }) => ({ path: path.join('.'), message, ids })),
      ...(changes ? { changes: changes.changes() } : {}),
    },
  });

const hasV1Types = (types: unknown[]) => types.some((type) => typeof type === 'string' && Object.hasOwn(v1NodeTypes, type));
const hasWebTypes = (types: unknown[]) => types.some((type) => (webNodeTypes as readonly unknown[]).includes(type));

/**
 * Which dialect a document is written in: `metadata.schemaVersion` "2.0" is 2.0, "1…" is 1.x; without it, the node
 * types tell (capitalised: 1.x; lowercase: the earlier web app); an empty flow with the web app's metadata
 * (`author`, `personas`, `globalSettings`) is the web app's, otherwise 1.x.
 */
export const detectDialect = (raw: unknown): SourceDialect => {
  const metadata = isRecord(raw) && isRecord(raw.metadata) ? raw.metadata : {};
  const { schemaVersion } = metadata;
  if (schemaVersion === '2.0') return '2.0';
  if (typeof schemaVersion === 'string' && /^1(\.|$)/.test(schemaVersion)) return '1.x';
  const types = isRecord(raw) && Array.isArray(raw.nodes) ? raw.nodes.map((node) => (isRecord(node) ? node.type : undefined)) : [];
  if (hasV1Types(types)) return '1.x';
  if (hasWebTypes(types)) return 'web-2.x';
  return ['author', 'personas', 'globalSettings'].some((key) => key in metadata) ? 'web-2.x' : '1.x';
};

export interface MigrationResult {
  document: FlowDocument;
  migration: MigrationReport;
}

/**
 * Migrates a document of an earlier dialect (1.x, or the earlier web app's) to 2.0, reporting every change. Pure.
 * The result matches the 2.0 schema; the caller checks the rules (a missing start node, an edge to nowhere…).
 * @throws DomainError FLOW_IMPORT_INVALID (400) with `extensions.issues` [{path, message, ids}] when the document
 *   cannot be read in its dialect (what the earlier product refused too), or its content does not fit 2.0.
 */
export const migrateDocument = (raw: unknown, from: Exclude<SourceDialect, '2.0'>): MigrationResult => {
  const report = createReport();
  let candidate: unknown;
  if (from === '1.x') {
    const parsed = v1DocumentSchema.safeParse(raw);
    if (!parsed.success) throw importInvalid(dialectNames[from], raw, parsed.error);
    candidate = convertV1(parsed.data, report);
  } else {
    const parsed = webDocumentSchema.safeParse(raw);
    if (!parsed.success) throw importInvalid(dialectNames[from], raw, parsed.error);
    candidate = convertWeb(parsed.data, report);
  }
  const migrated = flowDocumentSchema.safeParse(candidate);
  if (!migrated.success) throw importInvalid(`${dialectNames['2.0']} after migration`, candidate, migrated.error, report);
  return { document: migrated.data, migration: { from, changes: report.changes() } };
};

/** The report of a 2.0 document that was only completed (an absent `frames`, `version`…), or null if nothing was. */
export const completionReport = (filled: readonly string[]): MigrationReport | null =>
  filled.length === 0
    ? null
    : { from: '2.0', changes: filled.map((path) => ({ kind: 'DEFAULT_ADDED', path, message: 'absent; the default was added', ids: [] })) };
