import { type FlowIssue, type FlowLimits, fixedFlowLimits, issue } from './issues.ts';
import type { FlowDocument } from './schema.ts';

/** UTF-8 length of a string without allocating a buffer. */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
};

/**
 * Errors for the plan limit (nodes per flow) and the fixed ones: edges ≤ 2 × nodes, 10 KB per node,
 * 5 MB per document, 500 nodes per frame, and a subflow naming its own flow (`flowId`, when known).
 * Deeper nesting and cycles through other flows need those flows loaded: the caller checks them.
 */
export const limitErrors = (doc: FlowDocument, limits: FlowLimits, flowId?: string): FlowIssue[] => {
  const found: FlowIssue[] = [];
  const nodeCount = doc.nodes.length;
  if (nodeCount > limits.nodesPerFlow) {
    found.push(issue('TOO_MANY_NODES', `The flow has ${nodeCount} nodes; the plan allows ${limits.nodesPerFlow}.`, ['nodes']));
  }
  const maxEdges = fixedFlowLimits.edgesPerNode * nodeCount;
  if (doc.edges.length > maxEdges) {
    found.push(issue('TOO_MANY_EDGES', `The flow has ${doc.edges.length} edges; at most ${maxEdges} (2 per node).`, ['edges']));
  }
  let documentBytes = utf8Length(JSON.stringify(doc.metadata)) + utf8Length(JSON.stringify(doc.frames));
  documentBytes += utf8Length(JSON.stringify(doc.edges));
  doc.nodes.forEach((node, index) => {
    const bytes = utf8Length(JSON.stringify(node));
    documentBytes += bytes;
    if (bytes > fixedFlowLimits.nodeBytes) {
      found.push(
        issue(
          'NODE_TOO_LARGE',
          `Node "${node.id}" takes ${bytes} bytes; at most ${fixedFlowLimits.nodeBytes}.`,
          ['nodes', index],
          [node.id],
        ),
      );
    }
    if (node.type === 'subflow' && flowId !== undefined && node.data.flowId === flowId) {
      found.push(
        issue('SUBFLOW_SELF_REFERENCE', `Subflow node "${node.id}" embeds this very flow.`, ['nodes', index, 'data', 'flowId'], [node.id]),
      );
    }
  });
  if (documentBytes > fixedFlowLimits.documentBytes) {
    found.push(
      issue('DOCUMENT_TOO_LARGE', `The document takes about ${documentBytes} bytes; at most ${fixedFlowLimits.documentBytes}.`, []),
    );
  }
  doc.frames.forEach((frame, index) => {
    if (frame.nodeIds.length <= fixedFlowLimits.nodesPerFrame) return;
    const message = `Frame "${frame.id}" holds ${frame.nodeIds.length} nodes; at most ${fixedFlowLimits.nodesPerFrame}.`;
    found.push(issue('FRAME_TOO_LARGE', message, ['frames', index, 'nodeIds'], [frame.id]));
  });
  return found;
};
