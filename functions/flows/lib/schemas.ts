import { z } from '@hono/zod-openapi';
import {
  flowDocumentSchema,
  migrationChangeKinds,
  sourceDialects,
  versionKinds,
  type FlowHead,
  type FlowIssue,
  type FlowVersion,
  type VersionProvenance,
} from '../../../shared/flows/index.ts';
import { idSchema } from '../../../shared/kernel/index.ts';

export const flowParams = z.object({ flowId: idSchema('flw') });
export const versionNumberSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const versionParams = flowParams.extend({ versionNumber: versionNumberSchema });

// Inlined: the domain schema is built before @hono/zod-openapi extends zod, so it cannot carry a component name.
export const documentSchema = flowDocumentSchema;

export const flowIssueSchema = z
  .object({ rule: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])), ids: z.array(z.string()) })
  .openapi('FlowIssue');

export const migrationReportSchema = z
  .object({
    from: z.enum(sourceDialects),
    changes: z.array(
      z.object({
        kind: z.enum(migrationChangeKinds),
        path: z.string().openapi({ description: 'A pattern: `metadata.projectId`, `nodes[].data.title`' }),
        message: z.string(),
        ids: z.array(z.string()).openapi({ description: 'The nodes, edges or frames changed (empty for metadata)' }),
      }),
    ),
  })
  .openapi('MigrationReport');

export const flowSummarySchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    nodeCount: z.number().int(),
    version: z.number().int().openapi({ description: 'The latest version number (the ETag is "v<version>")' }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('FlowSummary');

export const toSummary = (head: FlowHead): z.infer<typeof flowSummarySchema> => ({
  id: head.id,
  workspaceId: head.workspaceId,
  name: head.name,
  description: head.description,
  tags: head.tags,
  nodeCount: head.nodeCount,
  version: head.versionNumber,
  createdAt: head.createdAt.toISOString(),
  createdBy: head.createdBy,
  updatedAt: head.updatedAt.toISOString(),
  updatedBy: head.updatedBy,
});

/** Who or what made a version, as answered (a proposal's per-operation rationales are shown by blame only). */
export const provenanceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: z.string() }),
    z.object({ kind: z.literal('apiKey'), userId: z.string().openapi({ description: 'The key’s creator' }), keyId: z.string() }),
    z.object({
      kind: z.literal('proposal'),
      userId: z.string().openapi({ description: 'The member who applied the proposal' }),
      proposalId: z.string(),
      model: z.string(),
      promptId: z.string(),
      messageId: z.string().openapi({ description: 'The conversation message the proposal answers' }),
    }),
  ])
  .openapi('VersionProvenance', {
    description:
      'Who or what made a version: a user, a workspace API key, or an AI proposal (versions older than provenance read as `user`)',
  });

export const toProvenance = (provenance: VersionProvenance): z.infer<typeof provenanceSchema> => {
  if (provenance.kind !== 'proposal') return provenance;
  const { kind, userId, proposalId, model, promptId, messageId } = provenance;
  return { kind, userId, proposalId, model, promptId, messageId };
};

const summaryOfOperations = z.object({ count: z.number().int(), byType: z.record(z.string(), z.number().int()), text: z.string() });

export const versionInfoSchema = z
  .object({
    version: z.number().int(),
    kind: z.enum(versionKinds),
    authorId: z.string(),
    provenance: provenanceSchema,
    createdAt: z.string(),
    summary: summaryOfOperations,
    restoredFrom: z.number().int().nullable(),
    nodeCount: z.number().int(),
    snapshots: z.array(z.string()),
  })
  .openapi('FlowVersionInfo');

export const flowBodySchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    version: z.number().int(),
    kind: z.enum(versionKinds),
    updatedAt: z.string(),
    updatedBy: z.string(),
    provenance: provenanceSchema.openapi({ description: 'Who or what made this version' }),
    document: documentSchema,
    warnings: z.array(flowIssueSchema),
  })
  .openapi('Flow');

export const toFlowBody = (version: FlowVersion, warnings: FlowIssue[]): z.infer<typeof flowBodySchema> => ({
  id: version.flowId,
  workspaceId: version.workspaceId,
  version: version.versionNumber,
  kind: version.kind,
  updatedAt: version.createdAt.toISOString(),
  updatedBy: version.authorId,
  provenance: toProvenance(version.provenance),
  document: version.document,
  warnings,
});

export const writeResultSchema = z.object({ version: z.number().int(), warnings: z.array(flowIssueSchema) }).openapi('FlowWriteResult');

/** Flow documents may be 5 MB (docs/product.md); their bodies get room for that plus JSON framing. */
export const documentBodyBytes = 6 * 1024 * 1024;

/** A template as listed (built-in or a workspace’s). */
export const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    nodeCount: z.number().int(),
    category: z.string().nullable(),
    workspaceId: z.string().nullable(),
  })
  .openapi('FlowTemplate');
