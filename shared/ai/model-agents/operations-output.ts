import { z } from 'zod';
import { flowOperationSchema, type FlowOperation } from '../../flows/index.ts';
import type { OperationError, ProposedOperation } from '../agents.ts';

/**
 * The architect's answer. Each operation is the text of one JSON object rather than a nested
 * schema: every provider's strict structured-output mode accepts this envelope, while the flow
 * operations (open `data`, unions of node types) fit none of them. The text is then parsed with
 * the flows engine's own operation schema, operation by operation, so an error names its operation.
 */
export const operationsOutputSchema = z.object({
  operations: z.array(z.object({ rationale: z.string(), operation: z.string() })),
});
export type OperationsOutput = z.infer<typeof operationsOutputSchema>;

/** What an agent may propose: content changes. Layout, alignment and frames with geometry are the layout engine's. */
export const proposableOperationTypes = new Set<FlowOperation['type']>([
  'ADD_NODE',
  'UPDATE_NODE',
  'DELETE_NODE',
  'ADD_EDGE',
  'UPDATE_EDGE',
  'DELETE_EDGE',
  'GROUP_NODES',
  'DELETE_FRAME',
  'ADD_ANNOTATION',
  'UPDATE_METADATA',
  'CREATE_PERSONA',
  'ASSIGN_PERSONA',
]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const geometryless = ({ position: _p, size: _s, style: _st, ...rest }: Json): Json => rest;

/** The model never writes coordinates: a new node gets a placeholder position (placed later), changes lose theirs. */
const withoutGeometry = (raw: Json): Json => {
  if (raw.type === 'ADD_NODE' && isObject(raw.node)) return { ...raw, node: { ...geometryless(raw.node), position: { x: 0, y: 0 } } };
  if (raw.type === 'UPDATE_NODE' && isObject(raw.changes)) return { ...raw, changes: geometryless(raw.changes) };
  return raw;
};

/** The node ids an operation names, for its errors. */
const nodeIdsOf = (raw: Json): string[] =>
  [
    raw.id,
    raw.nodeId,
    isObject(raw.node) ? raw.node.id : undefined,
    ...(Array.isArray(raw.nodeIds) ? (raw.nodeIds as unknown[]) : []),
  ].filter((id): id is string => typeof id === 'string');

const issuesText = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(operation)'}: ${issue.message}`)
    .join('; ');

/** Parses one operation's text; an error says which rule it broke. */
export const parseOperation = (text: string, operationId: string | null): { operation: FlowOperation } | { error: OperationError } => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: { operationId, rule: 'operation-json', message: 'not a JSON object', nodeIds: [] } };
  }
  if (!isObject(raw)) return { error: { operationId, rule: 'operation-json', message: 'not a JSON object', nodeIds: [] } };
  const parsed = flowOperationSchema.safeParse(withoutGeometry(raw));
  if (!parsed.success)
    return { error: { operationId, rule: 'operation-schema', message: issuesText(parsed.error), nodeIds: nodeIdsOf(raw) } };
  if (!proposableOperationTypes.has(parsed.data.type)) {
    return {
      error: { operationId, rule: 'operation-not-allowed', message: `${parsed.data.type} is the layout engine's`, nodeIds: nodeIdsOf(raw) },
    };
  }
  return { operation: parsed.data };
};

/** The architect's answer as proposed operations (`op1`, `op2`…), and the errors of those that do not parse. */
export const parseOperationsOutput = (output: OperationsOutput): { operations: ProposedOperation[]; errors: OperationError[] } => {
  const operations: ProposedOperation[] = [];
  const errors: OperationError[] = [];
  output.operations.forEach((item, index) => {
    const id = `op${index + 1}`;
    const result = parseOperation(item.operation, id);
    if ('error' in result) errors.push(result.error);
    else operations.push({ id, operation: result.operation, rationale: item.rationale.trim().split('\n')[0] ?? '' });
  });
  return { operations, errors };
};
