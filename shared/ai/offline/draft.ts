import {
  applyOperations,
  lintFlow,
  validateFlow,
  type FlowDocument,
  type FlowOperation,
  type OperationContext,
} from '../../flows/index.ts';
import type { ProposedOperation } from '../agents.ts';

/*
 * A proposal being written: plain-word steps, and for each the operations that carry it out. Every
 * step is applied to a working copy as it is added, so the next step sees the nodes the previous one
 * made, and a step whose operations the engine refuses never reaches the proposal.
 */

export interface DraftOperation {
  operation: FlowOperation;
  rationale: string;
}

export interface Draft {
  base: FlowDocument;
  /** The base with every step so far applied. */
  doc: FlowDocument;
  steps: string[];
  operations: (DraftOperation & { step: number })[];
}

/** What the planner says instead of a proposal when it cannot tell what is meant. */
export class Unclear extends Error {
  readonly question: string;
  constructor(question: string) {
    super(question);
    this.name = 'Unclear';
    this.question = question;
  }
}

export const unclear = (question: string): never => {
  throw new Unclear(question);
};

/** The engine's context for applying operations in a check: positions are the layout's, ids are given by the planner. */
export const checkContext = (): OperationContext => {
  let counter = 0;
  return { newId: (prefix) => `${prefix}_offline_${++counter}`, now: () => new Date(0) };
};

export const startDraft = (base: FlowDocument): Draft => ({ base, doc: structuredClone(base), steps: [], operations: [] });

/** Adds a step with its operations, applied to the working copy. @throws the engine's DomainError when it refuses them. */
export const addStep = (draft: Draft, text: string, operations: readonly DraftOperation[]): void => {
  if (operations.length > 0)
    draft.doc = applyOperations(
      draft.doc,
      operations.map((entry) => entry.operation),
      checkContext(),
    ).document;
  draft.steps.push(text);
  const step = draft.steps.length;
  draft.operations.push(...operations.map((entry) => ({ ...entry, step })));
};

/** An id no node, edge or frame of the working copy uses yet, from `base`. */
export const freshId = (doc: FlowDocument, base: string, taken: readonly string[] = []): string => {
  const used = new Set([...doc.nodes, ...doc.edges, ...doc.frames].map((item) => item.id).concat(taken));
  const stem = base.slice(0, 90);
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n += 1) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
};

/** The draft's operations as a proposal: ids `op1…` in order, each rationale naming its step. */
export const proposedOperations = (draft: Pick<Draft, 'operations'>): ProposedOperation[] =>
  draft.operations.map((entry, index) => ({
    id: `op${index + 1}`,
    operation: entry.operation,
    rationale: `Step ${entry.step}: ${entry.rationale}`,
  }));

/** The step a rationale names (`Step 2: …`), or undefined. */
export const stepOfRationale = (rationale: string): number | undefined => {
  const found = /^Step (\d+): /.exec(rationale);
  return found ? Number(found[1]) : undefined;
};

/** A rationale without its `Step n: ` prefix. */
export const bareRationale = (rationale: string): string => rationale.replace(/^Step \d+: /, '');

/** Generous: the plan's own node limit is the runner's to check. */
const checkLimits = { nodesPerFlow: 5_000 };

/** The errors (flow rules and UX lint) a document has that `before` did not: what a proposal must not bring. */
export const newErrors = (before: FlowDocument, after: FlowDocument): string[] => {
  const keys = (doc: FlowDocument) => [
    ...validateFlow(doc, checkLimits).errors.map((found) => `${found.rule}:${found.ids.join(',')}`),
    ...lintFlow(doc)
      .filter((found) => found.severity === 'error')
      .map((found) => `${found.rule}:${found.nodeIds.join(',')}`),
  ];
  const old = new Set(keys(before));
  return keys(after).filter((key) => !old.has(key));
};
