import { convertEdge } from './edges.ts';
import { type Json, without, createIdMap, defined, finite, isRecord, keepUnknownInData, optionalText, reportDropped } from './fields.ts';
import { convertMetadata } from './metadata.ts';
import { apiCallData, convertElements, nameOf } from './node-data.ts';
import { placeMissing } from './placement.ts';
import type { ReportBuilder } from './report.ts';
import { type V1Document, type V1Node, v1NodeTypes } from './v1-schema.ts';

/** Node fields 2.0 has under the same name: passed on for the 2.0 schema to judge. */
const sameInTwo = ['size', 'style', 'personaIds', 'isPinned', 'uiMetadata'] as const;

const typedData = (type: string, data: Json, report: ReportBuilder, id: string): Json => {
  if ((type === 'screen' || type === 'popup') && Array.isArray(data.elements)) {
    return { ...data, elements: convertElements(data.elements, report, id) };
  }
  return type === 'api-call' ? apiCallData(data, report, id) : data;
};

const convertNode = (node: V1Node, id: string, report: ReportBuilder): Json => {
  const type = v1NodeTypes[node.type];
  report.add('TYPE_MAPPED', 'nodes[].type', `"${node.type}" → "${type}"`, id);
  const { position, description, frameId, ...others } = without(node, ['id', 'type', 'data', 'title']);
  const named = nameOf(node.title, node.data ?? {}, node.type, report, id);
  const { description: dataDescription, ...dataRest } = named.data;
  if (description === undefined && dataDescription !== undefined)
    report.add('FIELD_MOVED', 'nodes[].data.description', 'moved to description', id);
  const kept = Object.fromEntries(sameInTwo.filter((key) => others[key] !== undefined).map((key) => [key, others[key]]));
  const unknown = Object.fromEntries(Object.entries(others).filter(([key]) => !(sameInTwo as readonly string[]).includes(key)));
  if (frameId !== undefined) reportDropped({ frameId }, report, 'nodes[].', id, '1.x has no frames');
  const placed = isRecord(position) && finite(position.x) && finite(position.y) ? { x: position.x, y: position.y } : undefined;
  if (position !== undefined && placed === undefined) reportDropped({ position }, report, 'nodes[].', id, 'not an {x, y} position');
  const data = keepUnknownInData(unknown, typedData(type, description === undefined ? dataRest : named.data, report, id), report, id);
  return defined({
    id,
    type,
    title: named.title,
    description: optionalText(description ?? dataDescription, 2000, report, { path: 'nodes[].description', id }),
    position: placed,
    ...kept,
    data: Object.keys(data).length > 0 ? data : undefined,
  });
};

/** A 1.x document (already checked against `v1DocumentSchema`) as a 2.0 candidate, every change reported. */
export const convertV1 = (doc: V1Document, report: ReportBuilder): Json => {
  const { frames, ...extra } = without(doc, ['metadata', 'nodes', 'edges']);
  const metadata = convertMetadata(doc.metadata, report);
  reportDropped(extra, report, '', undefined, 'not part of a 1.x document');
  if (Array.isArray(frames) && frames.length > 0) reportDropped({ frames }, report, '', undefined, '1.x has no frames');
  const nodeIds = createIdMap(report, 'nodes[].id');
  const edgeIds = createIdMap(report, 'edges[].id');
  nodeIds.reserve(doc.nodes.map((node) => node.id));
  edgeIds.reserve(doc.edges.map((edge) => edge.id));
  const nodes = doc.nodes.map((node) => convertNode(node, nodeIds.map(node.id), report));
  const edges = doc.edges.map((edge) =>
    convertEdge(edge, { id: edgeIds.map(edge.id), source: nodeIds.map(edge.source), target: nodeIds.map(edge.target) }, report),
  );
  placeMissing(nodes as { id: string; type: string }[], edges, report);
  report.add('DEFAULT_ADDED', 'frames', '1.x has no frames; an empty list');
  return { metadata, nodes, edges, frames: [] };
};
