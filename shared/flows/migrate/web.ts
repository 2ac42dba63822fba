import type { FlowEdge } from '../schema.ts';
import { convertEdge } from './edges.ts';
import { type Json, without, createIdMap, isRecord, reportDropped } from './fields.ts';
import { convertMetadata } from './metadata.ts';
import { placeMissing } from './placement.ts';
import { type ReportBuilder, shown } from './report.ts';
import { convertConditions } from './web-conditions.ts';
import { type FrameSource, buildFrames } from './web-frames.ts';
import { convertWebNode } from './web-nodes.ts';
import type { WebDocument, WebNode } from './web-schema.ts';

type IdMap = (id: string) => string;

const listed = (value: unknown, map: IdMap): string[] =>
  Array.isArray(value) ? value.filter((id) => typeof id === 'string' || typeof id === 'number').map((id) => map(String(id))) : [];

/** A `frame` node as a frame source; what a 2.0 frame cannot hold (nesting, personas, notes…) is reported. */
const frameFromNode = (node: WebNode, id: string, map: IdMap, report: ReportBuilder): FrameSource => {
  const { title, position, size, style, data, parentFrameId, frameId, ...rest } = without(node, ['id', 'type', 'isGhost']);
  const { frameTitle, containedNodes, ...dataRest } = isRecord(data) ? data : {};
  report.add('FRAME_CREATED', 'nodes[]', 'a frame node became a 2.0 frame', id);
  const parent = parentFrameId ?? frameId;
  if (parent !== undefined && parent !== null) reportDropped({ parentFrameId: parent }, report, 'nodes[].', id, '2.0 frames do not nest');
  reportDropped(
    { ...rest, ...(data !== undefined && !isRecord(data) ? { data } : {}) },
    report,
    'nodes[].',
    id,
    'a 2.0 frame has no such field',
  );
  reportDropped(dataRest, report, 'nodes[].data.', id, 'a 2.0 frame has no data');
  return { id, path: 'nodes[]', title: title ?? frameTitle, position, size, style, listed: listed(containedNodes, map) };
};

const frameFromList = (frame: Json, map: IdMap, report: ReportBuilder): FrameSource => {
  const { id, title, position, size, style, nodeIds, ...rest } = frame;
  const mapped = map(String(id));
  reportDropped(rest, report, 'frames[].', mapped, 'a 2.0 frame has no such field');
  return { id: mapped, path: 'frames[]', title, position, size, style, listed: listed(nodeIds, map) };
};

const personaIdsOf = (report: ReportBuilder, id: string) => (value: unknown) => {
  if (value === undefined) return undefined;
  const ids = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  if (!Array.isArray(value) || ids.length < value.length)
    report.add('FIELD_DROPPED', 'nodes[].personaIds', `not persona ids: ${shown(value)}`, id);
  return ids;
};

/** A document of the earlier web app (already checked against `webDocumentSchema`) as a 2.0 candidate, every change reported. */
export const convertWeb = (doc: WebDocument, report: ReportBuilder): Json => {
  const { metadata: rawMetadata, nodes: rawNodes, edges: rawEdges, frames: rawFrames, ...extra } = doc;
  const metadata = convertMetadata(rawMetadata, report);
  reportDropped(extra, report, '', undefined, 'not part of a flow document');
  const nodeIds = createIdMap(report, 'nodes[].id');
  nodeIds.reserve(rawNodes.map((node) => node.id));
  const ghosts = new Set<string>();
  for (const node of rawNodes.filter((found) => found.isGhost === true)) {
    ghosts.add(nodeIds.map(node.id));
    report.add('GHOST_DROPPED', 'nodes[]', `an unapplied suggestion (isGhost): ${shown(node.title ?? node.type)}`, nodeIds.map(node.id));
  }
  const kept = rawNodes.filter((node) => !ghosts.has(nodeIds.map(node.id)));
  const frameNodes = kept.filter((node) => node.type === 'frame');
  const frameIds = new Set(frameNodes.map((node) => nodeIds.map(node.id)));
  const parentOf = new Map<string, string>();
  const steps = kept
    .filter((node) => node.type !== 'frame')
    .map((node) => {
      const id = nodeIds.map(node.id);
      const parent = node.parentFrameId ?? node.frameId;
      if (typeof parent === 'string' || typeof parent === 'number') parentOf.set(id, nodeIds.map(String(parent)));
      return convertWebNode(node, id, personaIdsOf(report, id), report);
    });
  const stepIds = new Set(steps.map((step) => String(step.id)));
  const edgeIds = createIdMap(report, 'edges[].id');
  edgeIds.reserve(rawEdges.map((edge) => edge.id));
  const edges = rawEdges.flatMap((raw): FlowEdge[] => {
    const [id, source, target] = [edgeIds.map(raw.id), nodeIds.map(raw.source), nodeIds.map(raw.target)];
    if (raw.isGhost === true) report.add('GHOST_DROPPED', 'edges[]', 'an unapplied suggestion (isGhost)', id);
    else if (ghosts.has(source) || ghosts.has(target)) report.add('EDGE_DROPPED', 'edges[]', 'it touches a dropped ghost node', id);
    else if (frameIds.has(source) || frameIds.has(target))
      report.add('EDGE_DROPPED', 'edges[]', 'it touches a frame, which 2.0 does not connect', id);
    else return [convertEdge(raw, { id, source, target }, report)];
    return [];
  });
  const taken = new Set(edges.map((edge) => edge.id));
  for (const step of steps.filter((node) => node.type === 'condition')) {
    edges.push(...convertConditions(step, edges, { map: nodeIds.map, steps: stepIds, edgeIds: taken }, report));
  }
  placeMissing(steps, edges, report);
  if (rawFrames === undefined && frameNodes.length === 0) report.add('DEFAULT_ADDED', 'frames', 'none; an empty list');
  const sources = [
    ...frameNodes.map((node) => frameFromNode(node, nodeIds.map(node.id), nodeIds.map, report)),
    ...(rawFrames ?? []).map((frame) => frameFromList(frame, nodeIds.map, report)),
  ];
  return { metadata, nodes: steps, edges, frames: buildFrames(sources, steps, parentOf, report) };
};
