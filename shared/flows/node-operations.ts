import { rejectOperation } from './errors.ts';
import { setFrameMembers } from './frame-operations.ts';
import { requireFrame, requireNewId, requireNode, replaceById } from './lookup.ts';
import type { OperationOf } from './operation-schema.ts';
import { type FlowDocument, flowNodeSchema } from './schema.ts';

const requirePersonas = (doc: FlowDocument, ids: readonly string[] = []): void => {
  const known = new Set((doc.metadata.personas ?? []).map((persona) => persona.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) rejectOperation('PERSONA_NOT_FOUND', `No persona "${unknown}".`);
};

/** Adds a node; a `frameId` puts it in that (existing) frame. */
export const addNode = (doc: FlowDocument, { node }: OperationOf<'ADD_NODE'>): void => {
  requireNewId(doc.nodes, node.id, 'node');
  requirePersonas(doc, node.personaIds);
  const frame = node.frameId === undefined ? undefined : requireFrame(doc, node.frameId);
  doc.nodes.push(node);
  if (frame) setFrameMembers(doc, frame.id, [...frame.nodeIds, node.id]);
};

/** Merges `changes` into the node (`data` is replaced whole) and checks the result against the schema of its type. */
export const updateNode = (doc: FlowDocument, { id, changes }: OperationOf<'UPDATE_NODE'>): void => {
  const current = requireNode(doc, id);
  const parsed = flowNodeSchema.safeParse({ ...current, ...changes, id, type: current.type, frameId: current.frameId });
  if (!parsed.success) return rejectOperation('NODE_INVALID', parsed.error.issues.map((found) => found.message).join('; '));
  requirePersonas(doc, parsed.data.personaIds);
  replaceById(doc.nodes, parsed.data);
};

/** Removes the node, every edge touching it and its frame membership. */
export const deleteNode = (doc: FlowDocument, { id }: OperationOf<'DELETE_NODE'>): void => {
  requireNode(doc, id);
  doc.nodes = doc.nodes.filter((node) => node.id !== id);
  doc.edges = doc.edges.filter((edge) => edge.source !== id && edge.target !== id);
  for (const frame of doc.frames) frame.nodeIds = frame.nodeIds.filter((nodeId) => nodeId !== id);
};
