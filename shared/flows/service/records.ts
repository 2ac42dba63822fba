import type { FlowDocument } from '../schema.ts';
import type { VersionProvenance } from './provenance.ts';

/** Why a version exists. Deletion and undeletion are versions too, so every change of a flow is one ordered insert. */
export const versionKinds = ['created', 'imported', 'duplicated', 'edited', 'restored', 'deleted', 'undeleted'] as const;
export type VersionKind = (typeof versionKinds)[number];

/** What a batch did, for history and events. */
export interface VersionSummary {
  /** Operations applied (0 for versions that are not batches). */
  count: number;
  byType: Record<string, number>;
  /** e.g. "2 × ADD_NODE, 1 × ADD_EDGE", or "restored version 3". */
  text: string;
}

/**
 * One version of a flow: immutable once inserted. The insert is the commit point of every write
 * (unique on `(flowId, versionNumber)`); numbers start at 1, grow by one and are never reused.
 */
export interface FlowVersion {
  flowId: string;
  workspaceId: string;
  versionNumber: number;
  kind: VersionKind;
  document: FlowDocument;
  /** The user behind the version (an API key's creator, the member who applied a proposal). */
  authorId: string;
  /** Who or what made it: the user, an API key, or an AI proposal (model, prompt, rationales). */
  provenance: VersionProvenance;
  createdAt: Date;
  summary: VersionSummary;
  /** For `restored`: the version restored; for `duplicated`: null (see `sourceFlowId`). */
  restoredFrom: number | null;
  /** For `duplicated`: the flow copied; for a flow made from a template: the template id. */
  sourceId: string | null;
}

/**
 * The flow's head: derived from its latest version (and repairable from it), kept for listing and counting.
 * `createdAt` / `createdBy` come from the first version.
 */
export interface FlowHead {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  tags: string[];
  nodeCount: number;
  versionNumber: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  /** Set while the flow is deleted (restorable for 30 days from then). */
  deletedAt: Date | null;
}

/** A named snapshot: pins a version so that pruning keeps it. */
export interface FlowSnapshot {
  flowId: string;
  name: string;
  versionNumber: number;
  createdBy: string;
  createdAt: Date;
}

/** A template saved from a flow, owned by one workspace. */
export interface WorkspaceTemplate {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  document: FlowDocument;
  sourceFlowId: string;
  createdBy: string;
  createdAt: Date;
}

/** A workspace template without its document, as listed. */
export type WorkspaceTemplateSummary = Omit<WorkspaceTemplate, 'document'> & { nodeCount: number };

/** The head as derived from a version (first-version fields taken from `previous` when there is one). */
export const headFromVersion = (version: FlowVersion, previous: Pick<FlowHead, 'createdAt' | 'createdBy'> | null): FlowHead => {
  const { metadata, nodes } = version.document;
  return {
    id: version.flowId,
    workspaceId: version.workspaceId,
    name: metadata.flowName,
    description: metadata.description ?? null,
    tags: metadata.tags ?? [],
    nodeCount: nodes.length,
    versionNumber: version.versionNumber,
    createdAt: previous?.createdAt ?? version.createdAt,
    createdBy: previous?.createdBy ?? version.authorId,
    updatedAt: version.createdAt,
    updatedBy: version.authorId,
    deletedAt: version.kind === 'deleted' ? version.createdAt : null,
  };
};

/** The server-managed `metadata.version` of version `n` (semver: the version number as major). */
export const semverOf = (versionNumber: number): string => `${versionNumber}.0.0`;
