import { type FlowIssue, issue } from './issues.ts';
import type { FlowDocument } from './schema.ts';

/** Errors about ids: duplicates, and references to nodes, frames, personas or condition outputs that do not exist. */
export const referenceErrors = (doc: FlowDocument): FlowIssue[] => [
  ...duplicateIds(doc),
  ...missingEdgeEnds(doc),
  ...conditionHandles(doc),
  ...frameMembership(doc),
  ...unknownPersonas(doc),
  ...(doc.nodes.some((node) => node.type === 'start') ? [] : [issue('NO_START_NODE', 'The flow needs a start node.', ['nodes'])]),
];

const duplicateIds = (doc: FlowDocument): FlowIssue[] => {
  const lists = [
    ['nodes', doc.nodes],
    ['edges', doc.edges],
    ['frames', doc.frames],
    ['personas', doc.metadata.personas ?? []],
  ] as const;
  return lists.flatMap(([name, items]) => {
    const seen = new Set<string>();
    return items.flatMap((item, index) => {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        return [];
      }
      const path = name === 'personas' ? ['metadata', 'personas', index, 'id'] : [name, index, 'id'];
      return [issue('DUPLICATE_ID', `Another item of ${name} already has id "${item.id}".`, path, [item.id])];
    });
  });
};

const missingEdgeEnds = (doc: FlowDocument): FlowIssue[] => {
  const nodeIds = new Set(doc.nodes.map((node) => node.id));
  return doc.edges.flatMap((edge, index) =>
    (['source', 'target'] as const)
      .filter((end) => !nodeIds.has(edge[end]))
      .map((end) =>
        issue(
          'EDGE_MISSING_NODE',
          `Edge "${edge.id}" has a ${end} node "${edge[end]}" that does not exist.`,
          ['edges', index, end],
          [edge.id, edge[end]],
        ),
      ),
  );
};

const conditionHandles = (doc: FlowDocument): FlowIssue[] => {
  const outputs = new Map<string, Set<string>>();
  for (const node of doc.nodes) if (node.type === 'condition') outputs.set(node.id, new Set(node.data.conditions.map((c) => c.id)));
  return doc.edges.flatMap((edge, index) => {
    const allowed = outputs.get(edge.source);
    if (!allowed || (edge.sourceHandle !== undefined && allowed.has(edge.sourceHandle))) return [];
    const message = `Edge "${edge.id}" leaves condition node "${edge.source}" without naming one of its conditions in sourceHandle.`;
    return [issue('CONDITION_HANDLE_UNKNOWN', message, ['edges', index, 'sourceHandle'], [edge.id, edge.source])];
  });
};

const frameMembership = (doc: FlowDocument): FlowIssue[] => {
  const nodeIds = new Set(doc.nodes.map((node) => node.id));
  const frameOf = new Map<string, string>();
  const found: FlowIssue[] = [];
  doc.frames.forEach((frame, f) =>
    frame.nodeIds.forEach((nodeId, n) => {
      const path = ['frames', f, 'nodeIds', n];
      const other = frameOf.get(nodeId);
      if (!nodeIds.has(nodeId))
        found.push(
          issue('FRAME_MISSING_NODE', `Frame "${frame.id}" lists node "${nodeId}" that does not exist.`, path, [frame.id, nodeId]),
        );
      else if (other !== undefined)
        found.push(
          issue('NODE_IN_MULTIPLE_FRAMES', `Node "${nodeId}" is in frames "${other}" and "${frame.id}".`, path, [nodeId, other, frame.id]),
        );
      else frameOf.set(nodeId, frame.id);
    }),
  );
  doc.nodes.forEach((node, index) => {
    if (node.frameId === frameOf.get(node.id)) return;
    const message = `Node "${node.id}" says frame "${node.frameId ?? '(none)'}" but frame "${frameOf.get(node.id) ?? '(none)'}" lists it.`;
    found.push(issue('FRAME_MEMBERSHIP_MISMATCH', message, ['nodes', index, 'frameId'], [node.id]));
  });
  return found;
};

const unknownPersonas = (doc: FlowDocument): FlowIssue[] => {
  const personaIds = new Set((doc.metadata.personas ?? []).map((persona) => persona.id));
  return doc.nodes.flatMap((node, index) =>
    (node.personaIds ?? [])
      .filter((id) => !personaIds.has(id))
      .map((id) =>
        issue(
          'UNKNOWN_PERSONA',
          `Node "${node.id}" names persona "${id}" that does not exist.`,
          ['nodes', index, 'personaIds'],
          [node.id, id],
        ),
      ),
  );
};
