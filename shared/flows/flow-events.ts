import { z } from 'zod';
import type { FlowVersion, VersionKind } from './service/records.ts';

export const flowEventTypes = ['com.uxflow.flow.created.v1', 'com.uxflow.flow.updated.v1', 'com.uxflow.flow.deleted.v1'] as const;
export type FlowEventType = (typeof flowEventTypes)[number];

/** The data of every flow event; subject: the flow id. Never the document (consumers read it if they need it). */
export const flowEventDataSchema = z.object({
  flowId: z.string(),
  workspaceId: z.string(),
  versionNumber: z.number().int().positive(),
  kind: z.string(),
  actorId: z.string(),
  at: z.iso.datetime({ offset: true }),
  operations: z.object({ count: z.number().int().min(0), byType: z.record(z.string(), z.number().int()), text: z.string() }),
});
export type FlowEventData = z.infer<typeof flowEventDataSchema>;

const typeByKind: Record<VersionKind, FlowEventType> = {
  created: 'com.uxflow.flow.created.v1',
  imported: 'com.uxflow.flow.created.v1',
  duplicated: 'com.uxflow.flow.created.v1',
  edited: 'com.uxflow.flow.updated.v1',
  restored: 'com.uxflow.flow.updated.v1',
  undeleted: 'com.uxflow.flow.updated.v1',
  deleted: 'com.uxflow.flow.deleted.v1',
};

/** The event a stored version announces; its id is stable (`<flowId>:<versionNumber>`), so re-publishing is deduplicated. */
export const flowEventOf = (
  version: Omit<FlowVersion, 'document'>,
): { id: string; type: FlowEventType; subject: string; data: FlowEventData } => ({
  id: `${version.flowId}:${version.versionNumber}`,
  type: typeByKind[version.kind],
  subject: version.flowId,
  data: {
    flowId: version.flowId,
    workspaceId: version.workspaceId,
    versionNumber: version.versionNumber,
    kind: version.kind,
    actorId: version.authorId,
    at: version.createdAt.toISOString(),
    operations: version.summary,
  },
});
