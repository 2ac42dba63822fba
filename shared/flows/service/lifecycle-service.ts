import type { FlowIssue } from '../issues.ts';
import { migrateV1 } from '../migrate-v1.ts';
import { flowDocumentSchema, type FlowDocument } from '../schema.ts';
import { findBuiltInTemplate } from '../templates/index.ts';
import { validateFlow } from '../validate.ts';
import { blankFlow, renamed } from './blank-flow.ts';
import { requireFlowRoom } from './flow-quotas.ts';
import { loadForCaller, requireAccess } from './flow-reader.ts';
import { buildVersion, checkDocument, commitNewFlow, commitVersion, versionAfter } from './flow-writer.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import type { FlowHead, FlowVersion, VersionKind } from './records.ts';
import { flowServiceErrors } from './service-errors.ts';

/** Deleted flows can be undeleted for this long; the retention job purges them after it. */
export const restorableForMs = 30 * 24 * 60 * 60 * 1000;

export interface CreatedFlow {
  head: FlowHead;
  version: FlowVersion;
  warnings: FlowIssue[];
}

const noBatch = (text: string) => ({ count: 0, byType: {}, text });

const templateDocument = async (ports: FlowsPorts, workspaceId: string, templateId: string): Promise<FlowDocument> => {
  const builtIn = findBuiltInTemplate(templateId);
  if (builtIn) return structuredClone(builtIn.document);
  const saved = await ports.templates.find(templateId);
  if (saved?.workspaceId !== workspaceId) throw flowServiceErrors.templateNotFound();
  return saved.document;
};

/** The one path by which flows come to exist: quota, rules, version 1, head. */
const createFrom = async (
  ports: FlowsPorts,
  caller: FlowCaller,
  workspaceId: string,
  document: FlowDocument,
  origin: { kind: Extract<VersionKind, 'created' | 'imported' | 'duplicated'>; text: string; sourceId: string | null },
): Promise<CreatedFlow> => {
  await requireFlowRoom(ports, workspaceId);
  const flowId = ports.newId('flw');
  const warnings = await checkDocument(ports, document, { workspaceId, flowId });
  const version = buildVersion(
    { flowId, workspaceId, versionNumber: 1 },
    { kind: origin.kind, document, authorId: caller.userId, summary: noBatch(origin.text), restoredFrom: null, sourceId: origin.sourceId },
    ports.clock.now(),
  );
  return { head: await commitNewFlow(ports, version), version, warnings };
};

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

/** Retries a write that lost a race with another writer (deletes and undeletes carry no If-Match). */
const withRetries = async <T>(attempt: () => Promise<T>, tries = 3): Promise<T> => {
  for (let left = tries; ; left--) {
    try {
      return await attempt();
    } catch (error) {
      if (left <= 1 || (error as { code?: unknown }).code !== 'VERSION_CONFLICT') throw error;
    }
  }
};

/** Creating, importing, duplicating, deleting and undeleting flows. The caller's workspace access is checked here. */
export const createFlowLifecycleService = (ports: FlowsPorts) => ({
  /** A new flow, blank or from a built-in or workspace template. @throws FLOW_LIMIT_REACHED, TEMPLATE_NOT_FOUND. */
  create: async (caller: FlowCaller, workspaceId: string, input: { name: string; description?: string; templateId?: string }) => {
    await requireAccess(caller, workspaceId, 'flows:create');
    const document = input.templateId
      ? renamed(await templateDocument(ports, workspaceId, input.templateId), input.name, input.description)
      : blankFlow(input.name, input.description);
    const text = input.templateId ? `created from template ${input.templateId}` : 'created';
    return createFrom(ports, caller, workspaceId, document, { kind: 'created', text, sourceId: input.templateId ?? null });
  },

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

  /** A copy of the flow's latest version as a new flow in the same workspace. */
  duplicate: async (caller: FlowCaller, flowId: string) => {
    const source = await loadForCaller(ports, caller, flowId, 'flows:read');
    await requireAccess(caller, source.workspaceId, 'flows:create');
    const name = `Copy of ${source.document.metadata.flowName}`.slice(0, 100);
    return createFrom(ports, caller, source.workspaceId, renamed(source.document, name), {
      kind: 'duplicated',
      text: `duplicated from ${flowId} version ${source.versionNumber}`,
      sourceId: flowId,
    });
  },

  /** Soft delete: a version of kind `deleted`, restorable for 30 days. Deleting a deleted flow answers FLOW_NOT_FOUND. */
  remove: async (caller: FlowCaller, flowId: string) =>
    withRetries(async () => {
      const latest = await loadForCaller(ports, caller, flowId, 'flows:delete');
      const version = versionAfter(
        latest,
        {
          kind: 'deleted',
          document: latest.document,
          authorId: caller.userId,
          summary: noBatch('deleted'),
          restoredFrom: null,
          sourceId: null,
        },
        ports.clock.now(),
      );
      await commitVersion(ports, version);
      return version;
    }),

  /** Brings a deleted flow back within 30 days of its deletion. @throws FLOW_NOT_DELETED, FLOW_NOT_FOUND after 30 days. */
  undelete: async (caller: FlowCaller, flowId: string) =>
    withRetries(async () => {
      const latest = await loadForCaller(ports, caller, flowId, 'flows:delete', { includeDeleted: true });
      if (latest.kind !== 'deleted') throw flowServiceErrors.notDeleted();
      const now = ports.clock.now();
      if (now.getTime() - latest.createdAt.getTime() > restorableForMs) throw flowServiceErrors.notFound();
      await requireFlowRoom(ports, latest.workspaceId);
      const version = versionAfter(
        latest,
        {
          kind: 'undeleted',
          document: latest.document,
          authorId: caller.userId,
          summary: noBatch('undeleted'),
          restoredFrom: null,
          sourceId: null,
        },
        now,
      );
      await commitVersion(ports, version);
      return version;
    }),
});
