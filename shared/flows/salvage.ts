import type { z } from 'zod';
import { type FlowIssue, issue } from './issues.ts';
import {
  type FlowDocument,
  type FlowEdge,
  type FlowFrame,
  type FlowNode,
  type NodeType,
  type Persona,
  flowEdgeSchema,
  flowFrameSchema,
  flowMetadataSchema,
  flowNodeSchema,
  nodeTypes,
  personaSchema,
} from './schema.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): string | undefined => (isRecord(value) && typeof value.id === 'string' ? value.id : undefined);

/** `SCHEMA_VIOLATION` issues, each naming the node, edge, frame or persona it sits in. */
export const schemaIssues = (raw: unknown, error: z.ZodError): FlowIssue[] =>
  error.issues.map((found) => {
    const path = found.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const [list, index, , personaIndex] = path;
    const owner = isRecord(raw) && typeof index === 'number' && typeof list === 'string' ? (raw[list] as unknown[] | undefined) : undefined;
    let id = Array.isArray(owner) ? idOf(owner[index as number]) : undefined;
    if (list === 'metadata' && index === 'personas' && typeof personaIndex === 'number' && isRecord(raw) && isRecord(raw.metadata)) {
      const personas = raw.metadata.personas;
      id = Array.isArray(personas) ? idOf(personas[personaIndex]) : undefined;
    }
    return issue('SCHEMA_VIOLATION', found.message, path, id === undefined ? [] : [id]);
  });

// A stand-in keeps a broken node's id and kind in the graph, so that the rules about the rest are not thrown off
// (an edge to it is not "missing", a broken start still counts); its data is a placeholder of the right shape.
const placeholderData: Partial<Record<NodeType, Record<string, unknown>>> = {
  decision: { condition: '-' },
  condition: { conditions: [] },
  'api-call': { method: 'GET', url: '-' },
  component: { componentId: '-' },
  subflow: { flowId: '-' },
};

const nodeStandIn = (raw: Record<string, unknown>, id: string): FlowNode => {
  const type = nodeTypes.find((known) => known === raw.type) ?? 'action';
  const data = placeholderData[type];
  return { id, type, title: id, position: { x: 0, y: 0 }, ...(data ? { data } : {}) } as FlowNode;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const edgeStandIn = (raw: Record<string, unknown>, id: string): FlowEdge | null => {
  const [source, target, sourceHandle] = [text(raw.source), text(raw.target), text(raw.sourceHandle)];
  if (source === undefined || target === undefined) return null;
  return { id, source, target, ...(sourceHandle === undefined ? {} : { sourceHandle }) };
};

const frameStandIn = (raw: Record<string, unknown>, id: string): FlowFrame | null => {
  const nodeIds = Array.isArray(raw.nodeIds) ? raw.nodeIds.filter((nodeId): nodeId is string => typeof nodeId === 'string') : [];
  return { id, title: id, position: { x: 0, y: 0 }, size: { width: 1, height: 1 }, nodeIds };
};

/** Each item that parses on its own, and a stand-in for each one that does not but has an id. */
const salvageList = <T>(
  items: unknown[],
  schema: z.ZodType<T>,
  standIn: (raw: Record<string, unknown>, id: string) => T | null,
  standIns?: Set<string>,
): T[] =>
  items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return [parsed.data];
    const id = idOf(item);
    const substitute = id === undefined || !isRecord(item) ? null : standIn(item, id);
    if (substitute !== null && id !== undefined) standIns?.add(id);
    return substitute === null ? [] : [substitute];
  });

export interface SalvagedDocument {
  document: FlowDocument;
  /** Nodes replaced by stand-ins: findings that name one are about the placeholder, not the user's node. */
  nodeStandIns: Set<string>;
}

/**
 * The parts of a document that fail the schema, replaced so the graph rules can still run: the caller reports the
 * schema issues and the rule findings together, so a user fixes a file in one round.
 * @returns null when the document's frame is unusable (not an object, or a list that is not an array).
 */
export const salvageDocument = (raw: unknown): SalvagedDocument | null => {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return null;
  const { nodes, edges, frames } = raw;
  if (!Array.isArray(nodes) || !Array.isArray(edges) || !Array.isArray(frames)) return null;
  const nodeStandIns = new Set<string>();
  const metadata = flowMetadataSchema.safeParse(raw.metadata);
  const rawPersonas = Array.isArray(raw.metadata.personas) ? (raw.metadata.personas as unknown[]) : [];
  const personas = salvageList<Persona>(rawPersonas, personaSchema, (_, id) => ({ id, name: id }));
  const document: FlowDocument = {
    metadata: metadata.success ? metadata.data : { schemaVersion: '2.0', flowName: '-', version: '1.0.0', personas },
    nodes: salvageList(nodes, flowNodeSchema, nodeStandIn, nodeStandIns),
    edges: salvageList(edges, flowEdgeSchema, edgeStandIn),
    frames: salvageList(frames, flowFrameSchema, frameStandIn),
  };
  return { document, nodeStandIns };
};
