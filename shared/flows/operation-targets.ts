import type { FlowOperation } from './operation-schema.ts';

/**
 * The ids of the nodes, edges and frames an operation names (a frame operation names the frame and
 * the members it sets). Operations that address the whole flow (AUTO_LAYOUT, UPDATE_METADATA,
 * CREATE_PERSONA) name nothing, nor do the edges a DELETE_NODE takes with it: this is what the
 * operation was written about, not every field it ends up changing.
 */
export const operationTargets = (op: FlowOperation): string[] => {
  switch (op.type) {
    case 'ADD_NODE':
      return [op.node.id];
    case 'ADD_EDGE':
      return [op.edge.id];
    case 'ADD_FRAME':
      return [op.frame.id, ...op.frame.nodeIds];
    case 'UPDATE_FRAME':
      return [op.id, ...(op.changes.nodeIds ?? [])];
    case 'UPDATE_NODE':
    case 'DELETE_NODE':
    case 'UPDATE_EDGE':
    case 'DELETE_EDGE':
    case 'DELETE_FRAME':
    case 'DELETE_PERSONA':
      return [op.id];
    case 'GROUP_NODES':
      return [...op.nodeIds, ...(op.frameId ? [op.frameId] : [])];
    case 'ASSIGN_PERSONA':
    case 'ALIGN_NODES':
      return [...op.nodeIds];
    case 'LINK_FIGMA':
    case 'ADD_ANNOTATION':
      return [op.nodeId];
    case 'AUTO_LAYOUT':
    case 'UPDATE_METADATA':
    case 'CREATE_PERSONA':
      return [];
  }
};
