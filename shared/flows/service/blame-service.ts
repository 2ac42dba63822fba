import { diffFields } from '../field-diff.ts';
import type { FlowDocument } from '../schema.ts';
import { loadForCaller } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { rationaleFor, type VersionProvenance } from './provenance.ts';
import type { FlowVersion, VersionKind } from './records.ts';

/** The version that last changed one node or edge. */
export interface BlameEntry {
  id: string;
  versionNumber: number;
  kind: VersionKind;
  at: Date;
  authorId: string;
  provenance: VersionProvenance;
  restoredFrom: number | null;
  /** The rationale of the proposal's operation that named the element, when the version is a proposal's and one did. */
  rationale: string | null;
  /**
   * The change may have been made in a version pruned since: the one named is the oldest kept
   * version that could have made it.
   */
  truncated: boolean;
}

export interface FlowBlame {
  version: FlowVersion;
  nodes: BlameEntry[];
  edges: BlameEntry[];
  /** Versions read, the latest included (how far back the walk had to go). */
  versionsRead: number;
}

/** Versions fetched at a time: each holds a whole document (up to 5 MB), so batches stay small. */
export const blameBatchSize = 10;

type Kind = 'nodes' | 'edges';
const kinds: readonly Kind[] = ['nodes', 'edges'];

const entryOf = (id: string, version: FlowVersion, truncated: boolean): BlameEntry => ({
  id,
  versionNumber: version.versionNumber,
  kind: version.kind,
  at: version.createdAt,
  authorId: version.authorId,
  provenance: version.provenance,
  restoredFrom: version.restoredFrom,
  rationale: rationaleFor(version.provenance, id),
  truncated,
});

/** The ids in `pending` that `newer` added or changed (any field) since `older`. */
const changedSince = (pending: ReadonlySet<string>, newer: FlowDocument[Kind], older: FlowDocument[Kind]): string[] => {
  const before = new Map<string, unknown>(older.map((item) => [item.id, item]));
  return newer
    .filter((item) => pending.has(item.id))
    .filter((item) => !before.has(item.id) || diffFields(before.get(item.id), item).length > 0)
    .map((item) => item.id);
};

/**
 * Blame: for every node and edge of the latest version, the version that last added or changed it.
 * Walks the stored versions newest to oldest, a batch at a time, comparing each with the one before
 * it, and stops as soon as every element is attributed. What the oldest stored version already
 * had is its own, unless versions before it were pruned (then `truncated`); a change across a gap
 * left by pruning goes to the version after the gap, `truncated` too. Deletion and undeletion
 * change no document, so they are never blamed; a restore is blamed for what it brought back.
 */
export const createFlowBlameService = (ports: FlowsPorts) => ({
  /** @throws FLOW_NOT_FOUND (missing, deleted, another tenant's), PERMISSION_DENIED. */
  blame: async (caller: FlowCaller, flowId: string): Promise<FlowBlame> => {
    const latest = await loadForCaller(ports, caller, flowId, 'flows:read');
    const pending = { nodes: new Set(latest.document.nodes.map((n) => n.id)), edges: new Set(latest.document.edges.map((e) => e.id)) };
    const found = { nodes: new Map<string, BlameEntry>(), edges: new Map<string, BlameEntry>() };
    const left = () => pending.nodes.size + pending.edges.size;
    const attribute = (kind: Kind, ids: readonly string[], version: FlowVersion, truncated: boolean) => {
      for (const id of ids) {
        found[kind].set(id, entryOf(id, version, truncated));
        pending[kind].delete(id);
      }
    };

    let newer = latest;
    let versionsRead = 1;
    if (left() > 0) {
      for await (const older of ports.versions.newestFirst(flowId, { before: latest.versionNumber, batchSize: blameBatchSize })) {
        versionsRead += 1;
        const gap = newer.versionNumber - older.versionNumber > 1;
        for (const kind of kinds) attribute(kind, changedSince(pending[kind], newer.document[kind], older.document[kind]), newer, gap);
        newer = older;
        if (left() === 0) break;
      }
    }
    // What the oldest version read still holds was made there, or before it if older versions were pruned.
    for (const kind of kinds) attribute(kind, [...pending[kind]], newer, newer.versionNumber > 1);

    const inOrder = (kind: Kind) => latest.document[kind].flatMap((item) => found[kind].get(item.id) ?? []);
    return { version: latest, nodes: inOrder('nodes'), edges: inOrder('edges'), versionsRead };
  },
});
