import type { WorkspacePermission } from '../../kernel/index.ts';
import type { Plan, PlanLimits } from '../../workspaces/index.ts';
import type { FlowSlotStore } from './flow-slots.ts';
import type { FlowHead, FlowSnapshot, FlowVersion, WorkspaceTemplate, WorkspaceTemplateSummary } from './records.ts';

/** A version without its document, for history lists. */
export type FlowVersionInfo = Omit<FlowVersion, 'document'> & { nodeCount: number };

export interface FlowVersionStore {
  /** Inserts a version. Resolves false when `(flowId, versionNumber)` exists: another writer committed first. */
  insert: (version: FlowVersion) => Promise<boolean>;
  /** The version, or null when it never existed or was pruned. */
  find: (flowId: string, versionNumber: number) => Promise<FlowVersion | null>;
  /** The highest-numbered version by a scan of the flow's versions; the repair path when the head is missing. */
  findLatest: (flowId: string) => Promise<FlowVersion | null>;
  /** Versions newest first, numbered below `before` when given (a cursor), at most `limit`. */
  list: (flowId: string, page: { before: number | null; limit: number }) => Promise<FlowVersionInfo[]>;
  /**
   * Versions with their documents, newest first, numbered below `before`: one query whose results
   * arrive `batchSize` at a time as the caller reads on; breaking out of the loop ends the query
   * (blame reads only as far back as it must, and never holds more than a batch).
   */
  newestFirst: (flowId: string, page: { before: number; batchSize: number }) => AsyncIterable<FlowVersion>;
  /**
   * Deletes the versions numbered ≤ `upTo`, except `keep` and except those whose event is not yet
   * published (the versions are the event outbox). Resolves the number deleted.
   */
  prune: (flowId: string, upTo: number, keep: readonly number[]) => Promise<number>;
  /** Removes one version; only to undo a create whose head could not be written. Idempotent. */
  remove: (flowId: string, versionNumber: number) => Promise<void>;
}

export interface FlowListQuery {
  /** Case-insensitive substring of the name. */
  search: string | null;
  tag: string | null;
  /** Continue after this head (the last of the previous page), in `updatedAt` desc, id desc order. */
  after: { updatedAt: Date; id: string } | null;
  limit: number;
}

export interface FlowHeadStore {
  find: (flowId: string) => Promise<FlowHead | null>;
  /** Inserts the head of a new flow. */
  insert: (head: FlowHead) => Promise<void>;
  /**
   * Writes a head derived from a version, unless the stored head is already at a later version.
   * Keeps the stored `createdAt` / `createdBy` (the first version's), inserting the head when it is missing.
   * Best effort under races: FerretDB checks "later" by a read before its write, so a late call can
   * still put back an older head; callers settle the head on the versions (`settleHead`).
   */
  save: (head: FlowHead) => Promise<void>;
  /** Flows of the workspace that are not deleted, newest change first. */
  list: (workspaceId: string, query: FlowListQuery) => Promise<FlowHead[]>;
}

/**
 * Read-through cache of each flow's latest version. A version is immutable, so a cached copy is
 * stale only when a newer version exists: `fence` before a write makes older copies unstorable.
 */
export interface FlowCache {
  /** The cached latest version, or null (a miss, a fenced entry, or the cache unavailable). Never throws. */
  get: (flowId: string) => Promise<FlowVersion | null>;
  /** Caches `version` unless a newer one is cached or fenced. Never throws (a cache is optional). */
  put: (version: FlowVersion) => Promise<void>;
  /**
   * Before committing version `versionNumber`: from now on no older version can be cached, and no
   * cached copy is served until the new one is put. Throws when the cache cannot be fenced
   * (the write must not go ahead, or a stale copy could outlive it).
   */
  fence: (flowId: string, versionNumber: number) => Promise<void>;
}

export interface FlowSnapshotStore {
  /** Resolves false when the flow already has a snapshot of that name. */
  insert: (snapshot: FlowSnapshot) => Promise<boolean>;
  listByFlow: (flowId: string) => Promise<FlowSnapshot[]>;
}

export interface TemplatePage {
  after: { createdAt: Date; id: string } | null;
  limit: number;
}

export interface WorkspaceTemplateStore {
  insert: (template: WorkspaceTemplate) => Promise<void>;
  /** The template, or null. */
  find: (id: string) => Promise<WorkspaceTemplate | null>;
  /**
   * The workspace's templates without their documents, newest first (`createdAt` desc, id desc),
   * after `after` (the last of the previous page) when given, at most `limit`.
   */
  listSummaries: (workspaceId: string, page: TemplatePage) => Promise<WorkspaceTemplateSummary[]>;
}

/** A workspace's plan and its limits, read once per request and passed to every check that needs them. */
export interface PlannedLimits {
  plan: Plan;
  limits: PlanLimits;
}

export interface WorkspacePlans {
  /** The plan in force for the workspace and its limits. */
  limitsOf: (workspaceId: string) => Promise<PlannedLimits>;
}

/** What the caller may do in a workspace: `not_member` (another tenant: answer 404, never 403). */
export type AccessDecision = 'granted' | 'denied' | 'not_member';

/** The caller, as the function layer established them. */
export interface FlowCaller {
  userId: string;
  /** Set when the caller came with a workspace API key (its id): the versions they write say so. */
  apiKeyId?: string;
  access: (workspaceId: string, permission: WorkspacePermission) => Promise<AccessDecision>;
}

/** Everything the flow services need; adapters are passed in. */
export interface FlowsPorts {
  versions: FlowVersionStore;
  heads: FlowHeadStore;
  /** The places of the flows limit (`flow-slots.ts`). */
  slots: FlowSlotStore;
  cache: FlowCache;
  snapshots: FlowSnapshotStore;
  templates: WorkspaceTemplateStore;
  plans: WorkspacePlans;
  clock: { now: () => Date };
  newId: (prefix: string) => string;
  /** The web client's base URL: upgrade links in 402 answers point there. */
  appUrl: string;
}
