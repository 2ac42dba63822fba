import { type FieldChange, diffFields } from './field-diff.ts';
import type { FlowDocument } from './schema.ts';

export type { FieldChange } from './field-diff.ts';

export interface EntityChange {
  id: string;
  fields: FieldChange[];
}

/** Ids in document order: `added` as in the newer document, `removed` and `changed` as in the older one. */
export interface EntityDiff {
  added: string[];
  removed: string[];
  changed: EntityChange[];
}

export interface FlowDiff {
  nodes: EntityDiff;
  edges: EntityDiff;
  frames: EntityDiff;
  /** `metadata.personas`, matched by id. */
  personas: EntityDiff;
  /** Every metadata field except `personas`, with paths relative to `metadata` (e.g. `globalSettings.theme`). */
  metadata: { changed: FieldChange[] };
}

const diffEntities = <T extends { id: string }>(before: readonly T[], after: readonly T[]): EntityDiff => {
  const older = new Map(before.map((item) => [item.id, item]));
  const newer = new Map(after.map((item) => [item.id, item]));
  const added = after.filter((item) => !older.has(item.id)).map((item) => item.id);
  const removed: string[] = [];
  const changed: EntityChange[] = [];
  for (const item of before) {
    const next = newer.get(item.id);
    if (next === undefined) {
      removed.push(item.id);
      continue;
    }
    const fields = diffFields(item, next);
    if (fields.length > 0) changed.push({ id: item.id, fields });
  }
  return { added, removed, changed };
};

/**
 * What changed from `a` to `b`, by id for nodes, edges, frames and personas and by field for the metadata.
 * Pure; expects documents that passed the schema (ids unique per kind).
 */
export const diffFlows = (a: FlowDocument, b: FlowDocument): FlowDiff => {
  const { personas: personasA = [], ...metadataA } = a.metadata;
  const { personas: personasB = [], ...metadataB } = b.metadata;
  return {
    nodes: diffEntities(a.nodes, b.nodes),
    edges: diffEntities(a.edges, b.edges),
    frames: diffEntities(a.frames, b.frames),
    personas: diffEntities(personasA, personasB),
    metadata: { changed: diffFields(metadataA, metadataB) },
  };
};

/** True when `diff` reports nothing at all. */
export const isEmptyDiff = (diff: FlowDiff): boolean =>
  [diff.nodes, diff.edges, diff.frames, diff.personas].every(
    (entity) => entity.added.length + entity.removed.length + entity.changed.length === 0,
  ) && diff.metadata.changed.length === 0;
