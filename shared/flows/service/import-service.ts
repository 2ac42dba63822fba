import { migrateV1 } from '../migrate-v1.ts';
import { flowDocumentSchema, type FlowDocument } from '../schema.ts';
import { validateFlow } from '../validate.ts';
import { createFrom } from './flow-creation.ts';
import { requireAccess } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { flowServiceErrors } from './service-errors.ts';

/** Reads the document being imported: `.uxflow` 2.0 as is, anything else as the 1.x dialect (migrated). */
const readImport = (raw: unknown): { document: FlowDocument; migration: { from: '1.x'; changes: string[] } | null } => {
  const schemaVersion = (raw as { metadata?: { schemaVersion?: unknown } } | null)?.metadata?.schemaVersion;
  if (schemaVersion !== '2.0') {
    const { document, changes } = migrateV1(raw);
    return { document, migration: { from: '1.x', changes } };
  }
  const parsed = flowDocumentSchema.safeParse(raw);
  if (!parsed.success) throw flowServiceErrors.invalidDocument(validateFlow(raw, { nodesPerFlow: Number.MAX_SAFE_INTEGER }).errors, []);
  return { document: parsed.data, migration: null };
};

/** Importing `.uxflow` files as new flows. */
export const createFlowImportService = (ports: FlowsPorts) => ({
  /** Imports a `.uxflow` file; says what the 1.x migration changed. @throws FLOW_IMPORT_INVALID, FLOW_INVALID. */
  importFlow: async (caller: FlowCaller, workspaceId: string, raw: unknown) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    const { document, migration } = readImport(raw);
    const created = await createFrom(ports, caller, workspaceId, document, {
      kind: 'imported',
      text: migration ? 'imported from .uxflow 1.x' : 'imported',
      sourceId: null,
    });
    return { ...created, migration };
  },
});
