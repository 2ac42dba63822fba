import { rejectOperation } from './errors.ts';
import { boundingBox } from './geometry.ts';
import { requireFrame, requireNewId, requireNodes, replaceById } from './lookup.ts';
import type { OperationOf } from './operation-schema.ts';
import type { OperationContext } from './operation-context.ts';
import { type FlowDocument, flowFrameSchema } from './schema.ts';

const framePadding = 24;

/**
 * Makes `nodeIds` exactly the members of `frameId`: a node joining leaves its previous frame (a node is in at most
 * one frame), a node leaving loses its `frameId`. The frame must already be in `doc.frames`.
 */
export const setFrameMembers = (doc: FlowDocument, frameId: string, nodeIds: readonly string[]): void => {
  const members = new Set(nodeIds);
  for (const frame of doc.frames) {
    frame.nodeIds = frame.id === frameId ? [...members] : frame.nodeIds.filter((id) => !members.has(id));
  }
  for (const node of doc.nodes) {
    if (members.has(node.id)) node.frameId = frameId;
    else if (node.frameId === frameId) delete node.frameId;
  }
};

export const addFrame = (doc: FlowDocument, { frame }: OperationOf<'ADD_FRAME'>): void => {
  requireNewId(doc.frames, frame.id, 'frame');
  requireNodes(doc, frame.nodeIds);
  doc.frames.push({ ...frame, nodeIds: [] });
  setFrameMembers(doc, frame.id, frame.nodeIds);
};

export const updateFrame = (doc: FlowDocument, { id, changes }: OperationOf<'UPDATE_FRAME'>): void => {
  const parsed = flowFrameSchema.safeParse({ ...requireFrame(doc, id), ...changes, id });
  if (!parsed.success) return rejectOperation('FRAME_INVALID', parsed.error.issues.map((found) => found.message).join('; '));
  requireNodes(doc, parsed.data.nodeIds);
  replaceById(doc.frames, parsed.data);
  setFrameMembers(doc, id, parsed.data.nodeIds);
};

/** Removes the frame; its nodes stay on the canvas, outside any frame. */
export const deleteFrame = (doc: FlowDocument, { id }: OperationOf<'DELETE_FRAME'>): void => {
  requireFrame(doc, id);
  setFrameMembers(doc, id, []);
  doc.frames = doc.frames.filter((frame) => frame.id !== id);
};

/** A new frame around the given nodes, sized to their bounding box. */
export const groupNodes = (doc: FlowDocument, op: OperationOf<'GROUP_NODES'>, ctx: OperationContext): void => {
  const id = op.frameId ?? ctx.newId('frm');
  requireNewId(doc.frames, id, 'frame');
  const box = boundingBox(requireNodes(doc, op.nodeIds), framePadding);
  doc.frames.push({ id, title: op.title, position: { x: box.x, y: box.y }, size: { width: box.width, height: box.height }, nodeIds: [] });
  setFrameMembers(doc, id, op.nodeIds);
};
