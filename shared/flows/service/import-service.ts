import { completeDocument } from '../complete-document.ts';
import { completionReport, detectDialect, migrateDocument, type MigrationReport } from '../migrate/index.ts';
import { flowDocumentSchema, type FlowDocument } from '../schema.ts';
import { validateFlow } from '../validate.ts';
import { createFrom } from './flow-creation.ts';
import { requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { flowServiceErrors } from './service-errors.ts';

/**
 * Reads the document being imported: 2.0 completed with its defaults, the earlier dialects migrated.
 * A 2.0 document that does not fit the schema is refused with every schema and rule problem at once.
 */
export const readImport = (raw: unknown): { document: FlowDocument; migration: MigrationReport | null } => {
  const from = detectDialect(raw);
  if (from !== '2.0') return migrateDocument(raw, from);
  const { document, filled } = completeDocument(raw);
  const parsed = flowDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const { errors, warnings } = validateFlow(raw, { nodesPerFlow: Number.MAX_SAFE_INTEGER });
    throw flowServiceErrors.invalidDocument(errors, warnings);
  }
  return { document: parsed.data, migration: completionReport(filled) };
};

/** Importing `.uxflow` files (and the earlier product's documents) as new flows. */
export const createFlowImportService = (ports: FlowsPorts) => ({
  /** Imports a document; says what the migration changed. @throws FLOW_IMPORT_INVALID, FLOW_INVALID. */
  importFlow: async (caller: FlowCaller, workspaceId: string, raw: unknown) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    const { document, migration } = readImport(raw);
    const created = await createFrom(ports, caller, workspaceId, document, {
      kind: 'imported',
      text: migration && migration.from !== '2.0' ? `imported from ${migration.from}` : 'imported',
      sourceId: null,
    });
    return { ...created, migration };
  },
});
