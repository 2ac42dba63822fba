import { rejectOperation } from './errors.ts';
import type { FlowDocument, FlowEdge, FlowFrame, FlowNode } from './schema.ts';

/** Look-ups shared by the operation handlers; each rejects the operation with a stable rule when the id is unknown. */
export const requireNode = (doc: FlowDocument, id: string): FlowNode =>
  doc.nodes.find((node) => node.id === id) ?? rejectOperation('NODE_NOT_FOUND', `No node "${id}".`);

export const requireEdge = (doc: FlowDocument, id: string): FlowEdge =>
  doc.edges.find((edge) => edge.id === id) ?? rejectOperation('EDGE_NOT_FOUND', `No edge "${id}".`);

export const requireFrame = (doc: FlowDocument, id: string): FlowFrame =>
  doc.frames.find((frame) => frame.id === id) ?? rejectOperation('FRAME_NOT_FOUND', `No frame "${id}".`);

export const requireNodes = (doc: FlowDocument, ids: readonly string[]): FlowNode[] => ids.map((id) => requireNode(doc, id));

export const requireNewId = (items: readonly { id: string }[], id: string, kind: string): void => {
  if (items.some((item) => item.id === id)) rejectOperation('DUPLICATE_ID', `A ${kind} with id "${id}" already exists.`);
};

/** Replaces the item with the same id, keeping its place in the list. */
export const replaceById = <T extends { id: string }>(items: T[], next: T): void => {
  const index = items.findIndex((item) => item.id === next.id);
  if (index >= 0) items[index] = next;
};
