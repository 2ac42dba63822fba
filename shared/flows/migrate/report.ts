/** What a migration did to a document; clients key on `kind`, `message` is for people. */
export const migrationChangeKinds = [
  /** `metadata.schemaVersion` set to "2.0". */
  'SCHEMA_VERSION_SET',
  /** A field the earlier server managed (ids, owners, timestamps, counters); ours to drop. */
  'SERVER_FIELD_DROPPED',
  /** `metadata.version` is server-managed: the stored flow starts again at version 1. */
  'VERSION_RESET',
  /** A node type renamed to its 2.0 name (`API Call` → `api-call`, `enhanced-screen` → `screen`). */
  'TYPE_MAPPED',
  /** A value moved to where 2.0 keeps it (`data.title` → `title`, an unknown node field → `data`). */
  'FIELD_MOVED',
  /** A field 2.0 has no place for; the message carries its value, so nothing is lost unseen. */
  'FIELD_DROPPED',
  /** A value changed to fit 2.0 (a title cut to 100 characters, a size brought into range, a method upper-cased). */
  'VALUE_CHANGED',
  /** A value 2.0 requires that the document did not have (a title, a method, an empty list). */
  'DEFAULT_ADDED',
  /** A node without a position, placed by the import. */
  'NODE_LAID_OUT',
  /** A ghost (an unapplied suggestion of the earlier app), node or edge, dropped. */
  'GHOST_DROPPED',
  /** An edge that cannot exist in 2.0 (it touches a dropped ghost or a frame). */
  'EDGE_DROPPED',
  /** An edge made from a condition's `targetNodeId` that no edge carried. */
  'EDGE_ADDED',
  /** A frame node turned into a 2.0 frame. */
  'FRAME_CREATED',
  /** A trigger renamed to its 2.0 spelling. */
  'TRIGGER_RENAMED',
  /** A trigger 2.0 does not know; kept as the edge's label when it had none, otherwise only here. */
  'TRIGGER_UNKNOWN',
  /** An id with characters 2.0 does not allow, renamed (and every reference to it). */
  'ID_RENAMED',
] as const;
export type MigrationChangeKind = (typeof migrationChangeKinds)[number];

/** One kind of change at one place, with every node, edge or frame it was made to (empty for metadata). */
export interface MigrationChange {
  kind: MigrationChangeKind;
  /** Where, as a pattern: `metadata.projectId`, `nodes[].data.title`, `edges[].data.trigger`. */
  path: string;
  message: string;
  ids: string[];
}

/** Where a document came from: the earlier backend (1.x), the earlier web app (its "2.x"), or 2.0 only completed. */
export const sourceDialects = ['1.x', 'web-2.x', '2.0'] as const;
export type SourceDialect = (typeof sourceDialects)[number];

export interface MigrationReport {
  from: SourceDialect;
  changes: MigrationChange[];
}

export interface ReportBuilder {
  /** Records a change; the same kind, path and message made to several items is one entry listing their ids. */
  add: (kind: MigrationChangeKind, path: string, message: string, id?: string) => void;
  changes: () => MigrationChange[];
}

export const createReport = (): ReportBuilder => {
  const entries = new Map<string, { change: MigrationChange; ids: Set<string> }>();
  return {
    add: (kind, path, message, id) => {
      const key = `${kind}\u0000${path}\u0000${message}`;
      const entry = entries.get(key) ?? { change: { kind, path, message, ids: [] }, ids: new Set<string>() };
      entries.set(key, entry);
      if (id !== undefined && !entry.ids.has(id)) {
        entry.ids.add(id);
        entry.change.ids.push(id);
      }
    },
    changes: () => [...entries.values()].map((entry) => entry.change),
  };
};

/** A value as a report shows it: JSON, cut to 200 characters (a dropped value must be recognisable, not whole). */
export const shown = (value: unknown): string => {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    return '(a value too deeply nested to show)'; // JSON.stringify throws RangeError past the stack's depth
  }
  return json.length <= 200 ? json : `${json.slice(0, 199)}…`;
};
