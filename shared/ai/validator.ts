import {
  applyOperations,
  lintFlow,
  validateFlow,
  type FlowDocument,
  type FlowIssue,
  type FlowLimits,
  type FlowOperation,
  type LintFinding,
  type OperationContext,
} from '../flows/index.ts';
import { isDomainError } from '../kernel/index.ts';
import type { OperationError, ProposedOperation } from './agents.ts';
import { createdIds, touchedNodes } from './operation-ids.ts';
import type { NodePlacer } from './placement.ts';

export interface ValidationRequest {
  base: FlowDocument;
  operations: readonly ProposedOperation[];
  flowId: string;
  limits: FlowLimits;
  /** `edit`: operations may only touch the nodes the request concerns; `generate` builds a whole journey. */
  mode: 'edit' | 'generate';
  /** The request's words (the message and the plan's steps): a node they name by its title is concerned. */
  texts: readonly string[];
  focusNodeIds: readonly string[];
  place: NodePlacer;
  context: OperationContext;
}

export interface Validation {
  /** Empty when the proposal is valid. */
  errors: OperationError[];
  /** The operations with the positions of their new nodes set by the placer. */
  operations: ProposedOperation[];
  /** The flow with every operation applied (null when one could not be). */
  preview: FlowDocument | null;
  warnings: FlowIssue[];
  lint: LintFinding[];
}

/** The model never writes coordinates: layout operations are refused, position changes dropped. */
const withoutCoordinates = (op: FlowOperation): FlowOperation | null => {
  if (op.type === 'AUTO_LAYOUT' || op.type === 'ALIGN_NODES') return null;
  if (op.type === 'UPDATE_NODE' && op.changes.position !== undefined) {
    const changes = { ...op.changes };
    delete changes.position;
    return { ...op, changes };
  }
  if (op.type === 'ADD_NODE') return { ...op, node: { ...op.node, position: { x: 0, y: 0 } } };
  return op;
};

const failureOf = (error: unknown): { rule: string; message: string } => {
  if (isDomainError(error) && error.code === 'OPERATIONS_FAILED') {
    const [failure] = (error.extensions.failures as { rule: string; detail: string }[] | undefined) ?? [];
    if (failure) return { rule: failure.rule, message: failure.detail };
  }
  throw error;
};

/** The nodes a request concerns: the focus, the nodes its words name, and their neighbours. Empty: it cannot tell. */
const concernedNodes = (request: ValidationRequest): Set<string> => {
  const words = request.texts.join('\n').toLowerCase();
  const named = request.base.nodes
    .filter((node) => node.title.trim().length >= 3 && words.includes(node.title.trim().toLowerCase()))
    .map((node) => node.id);
  const core = new Set([...request.focusNodeIds, ...named]);
  const concerned = new Set(core);
  for (const edge of request.base.edges) {
    if (core.has(edge.source)) concerned.add(edge.target);
    if (core.has(edge.target)) concerned.add(edge.source);
  }
  return concerned;
};

/** The first operation whose ids (created or touched) meet `ids`; null for the document as a whole. */
const operationFor = (ids: readonly string[], operations: readonly ProposedOperation[], base: FlowDocument): string | null =>
  operations.find(({ operation }) => [...createdIds(operation), ...touchedNodes(operation, base)].some((id) => ids.includes(id)))?.id ??
  null;

const sameBox = (a: { position: unknown; size: unknown }, b: { position: unknown; size: unknown }) =>
  JSON.stringify([a.position, a.size]) === JSON.stringify([b.position, b.size]);

/**
 * The operations carrying the placer's positions: each new node's, each new frame's box, and for a
 * frame the placer grew or fitted (an existing one, or one GROUP_NODES made) one more operation
 * that sets its box, so that applying the operations gives the preview.
 */
const withPlacement = (operations: readonly ProposedOperation[], applied: FlowDocument, preview: FlowDocument): ProposedOperation[] => {
  const nodes = new Map(preview.nodes.map((node) => [node.id, node.position]));
  const frames = new Map(preview.frames.map((frame) => [frame.id, frame]));
  const positioned = operations.map((proposed): ProposedOperation => {
    const { operation } = proposed;
    if (operation.type === 'ADD_NODE') {
      return {
        ...proposed,
        operation: { ...operation, node: { ...operation.node, position: nodes.get(operation.node.id) ?? operation.node.position } },
      };
    }
    const box = operation.type === 'ADD_FRAME' ? frames.get(operation.frame.id) : undefined;
    if (operation.type === 'ADD_FRAME' && box) {
      return { ...proposed, operation: { ...operation, frame: { ...operation.frame, position: box.position, size: box.size } } };
    }
    return proposed;
  });
  const added = new Set(operations.flatMap(({ operation }) => (operation.type === 'ADD_FRAME' ? [operation.frame.id] : [])));
  const refits = applied.frames.flatMap((before): ProposedOperation[] => {
    const after = frames.get(before.id);
    if (!after || added.has(before.id) || sameBox(before, after)) return [];
    return [
      {
        id: `fit-${before.id}`,
        operation: { type: 'UPDATE_FRAME', id: before.id, changes: { position: after.position, size: after.size } },
        rationale: 'Fits the frame around its new nodes (layout engine).',
      },
    ];
  });
  return [...positioned, ...refits];
};

const findingKey = (finding: LintFinding) => `${finding.rule}|${[...finding.nodeIds].sort().join(',')}`;

/**
 * Checks a proposal on a copy of the flow: each operation applied in turn (its own failure named),
 * each change to a node the request does not concern refused, new nodes placed, then the flow
 * rules and the UX lint on the result: no flow rule broken and no lint error that the base did not
 * have. Every problem names the operation it comes from where one does, for the repair round.
 */
export const validateProposal = (request: ValidationRequest): Validation => {
  const errors: OperationError[] = [];
  const operations: ProposedOperation[] = [];
  let document = request.base;
  const concerned = request.mode === 'edit' ? concernedNodes(request) : new Set<string>();
  for (const proposed of request.operations) {
    const operation = withoutCoordinates(proposed.operation);
    if (operation === null) {
      errors.push({ operationId: proposed.id, rule: 'LAYOUT_BY_ENGINE', message: 'Positions come from the layout engine.', nodeIds: [] });
      continue;
    }
    const outside = concerned.size === 0 ? [] : touchedNodes(operation, request.base).filter((id) => !concerned.has(id));
    if (outside.length > 0) {
      errors.push({
        operationId: proposed.id,
        rule: 'OUT_OF_SCOPE',
        message: `The request does not concern ${outside.join(', ')}.`,
        nodeIds: outside,
      });
      continue;
    }
    try {
      document = applyOperations(document, [operation], request.context).document;
      operations.push({ ...proposed, operation });
    } catch (error) {
      errors.push({ operationId: proposed.id, ...failureOf(error), nodeIds: touchedNodes(operation, request.base) });
    }
  }
  if (errors.length > 0) return { errors, operations, preview: null, warnings: [], lint: [] };
  const preview = request.place(request.base, document);
  const positioned = withPlacement(operations, document, preview);
  const rules = validateFlow(preview, request.limits, { flowId: request.flowId });
  for (const found of rules.errors) {
    errors.push({
      operationId: operationFor(found.ids, positioned, request.base),
      rule: found.rule,
      message: found.message,
      nodeIds: found.ids,
    });
  }
  const before = new Set(lintFlow(request.base).map(findingKey));
  const lint = lintFlow(preview);
  for (const found of lint.filter((finding) => finding.severity === 'error' && !before.has(findingKey(finding)))) {
    errors.push({
      operationId: operationFor(found.nodeIds, positioned, request.base),
      rule: found.rule,
      message: found.message,
      nodeIds: found.nodeIds,
    });
  }
  return { errors, operations: positioned, preview, warnings: rules.warnings, lint };
};
