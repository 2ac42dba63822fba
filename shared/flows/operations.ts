import { alignNodes } from './align-nodes.ts';
import { autoLayout } from './auto-layout.ts';
import { addEdge, deleteEdge, updateEdge } from './edge-operations.ts';
import { OperationRuleError, flowErrors, type OperationFailure } from './errors.ts';
import { addFrame, deleteFrame, groupNodes, updateFrame } from './frame-operations.ts';
import { addAnnotation, assignPersona, createPersona, deletePersona, linkFigma, updateMetadata } from './metadata-operations.ts';
import { addNode, deleteNode, updateNode } from './node-operations.ts';
import type { OperationContext } from './operation-context.ts';
import { type FlowOperation, type FlowOperationType, flowOperationsSchema } from './operation-schema.ts';
import type { FlowDocument } from './schema.ts';

export interface OperationsSummary {
  count: number;
  byType: Partial<Record<FlowOperationType, number>>;
  /** e.g. "2 × ADD_NODE, 1 × ADD_EDGE", for version history. */
  text: string;
}

const applyOne = (doc: FlowDocument, op: FlowOperation, ctx: OperationContext): void => {
  switch (op.type) {
    case 'ADD_NODE':
      return addNode(doc, op);
    case 'UPDATE_NODE':
      return updateNode(doc, op);
    case 'DELETE_NODE':
      return deleteNode(doc, op);
    case 'ADD_EDGE':
      return addEdge(doc, op);
    case 'UPDATE_EDGE':
      return updateEdge(doc, op);
    case 'DELETE_EDGE':
      return deleteEdge(doc, op);
    case 'ADD_FRAME':
      return addFrame(doc, op);
    case 'UPDATE_FRAME':
      return updateFrame(doc, op);
    case 'DELETE_FRAME':
      return deleteFrame(doc, op);
    case 'GROUP_NODES':
      return groupNodes(doc, op, ctx);
    case 'UPDATE_METADATA':
      return updateMetadata(doc, op);
    case 'CREATE_PERSONA':
      return createPersona(doc, op, ctx);
    case 'DELETE_PERSONA':
      return deletePersona(doc, op);
    case 'ASSIGN_PERSONA':
      return assignPersona(doc, op);
    case 'LINK_FIGMA':
      return linkFigma(doc, op);
    case 'ADD_ANNOTATION':
      return addAnnotation(doc, op, ctx);
    case 'ALIGN_NODES':
      return alignNodes(doc, op);
    case 'AUTO_LAYOUT':
      return autoLayout(doc, op, ctx.layout);
  }
};

const summarize = (ops: readonly FlowOperation[]): OperationsSummary => {
  const byType: Partial<Record<FlowOperationType, number>> = {};
  for (const op of ops) byType[op.type] = (byType[op.type] ?? 0) + 1;
  const text = Object.entries(byType)
    .map(([type, count]) => `${count} × ${type}`)
    .join(', ');
  return { count: ops.length, byType, text };
};

/**
 * Applies a batch all or nothing, on a copy: `doc` is never changed. Every operation is tried in order, so one
 * failure does not hide the next ones.
 * AUTO_LAYOUT lays out the document as it is at that point of the batch (see `autoLayout`); it fails only on flows
 * larger than `maxLayoutNodes`.
 * @throws DomainError OPERATIONS_FAILED (`unprocessable`: 422) with `extensions.failures` [{index, type, rule, detail}].
 * The result is not validated: call `validateFlow` on it and refuse the write on errors (the caller maps that to 422).
 * `metadata.version` is left as is: the server bumps it when it stores the version.
 */
export const applyOperations = (
  doc: FlowDocument,
  ops: readonly FlowOperation[],
  ctx: OperationContext,
): { document: FlowDocument; summary: OperationsSummary } => {
  const document = structuredClone(doc);
  // Copied too, so that objects taken from the batch into the document are never shared with the caller.
  const steps = structuredClone(ops);
  const failures: OperationFailure[] = [];
  steps.forEach((op, index) => {
    try {
      applyOne(document, op, ctx);
    } catch (error) {
      if (!(error instanceof OperationRuleError)) throw error;
      failures.push({ index, type: op.type, rule: error.rule, detail: error.message });
    }
  });
  if (failures.length > 0) throw flowErrors.operationsFailed(failures);
  return { document, summary: summarize(ops) };
};

/**
 * Parses a batch from the wire.
 * @throws DomainError OPERATIONS_FAILED listing each malformed operation with rule OPERATION_SCHEMA.
 */
export const parseOperations = (raw: unknown): FlowOperation[] => {
  const parsed = flowOperationsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const failures = parsed.error.issues.map((found): OperationFailure => {
    const [index] = found.path;
    const type = Array.isArray(raw) && typeof index === 'number' ? (raw[index] as { type?: unknown } | undefined)?.type : undefined;
    return {
      index: typeof index === 'number' ? index : -1,
      type: typeof type === 'string' ? type : 'UNKNOWN',
      rule: 'OPERATION_SCHEMA',
      detail: `${found.path.join('.')}: ${found.message}`,
    };
  });
  throw flowErrors.operationsFailed(failures);
};
