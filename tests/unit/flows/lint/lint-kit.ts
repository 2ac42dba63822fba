import { expect } from 'vitest';
import {
  applyOperations,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type LintFinding,
  type LintRule,
  validateFlow,
} from '../../../../shared/flows/index.ts';
import { limits, testContext } from '../fixtures.ts';

/** A node of any type with a default title and position; `extra` may carry `data`, `uiMetadata`, a `title`… */
export const node = (id: string, type: FlowNode['type'], extra: Record<string, unknown> = {}): FlowNode =>
  ({ id, type, title: id, position: { x: 0, y: 0 }, ...extra }) as FlowNode;

export const screen = (id: string, elements: { id: string; type: string; label: string }[] = [], extra: Record<string, unknown> = {}) =>
  node(id, 'screen', { data: { elements }, ...extra });

export const edge = (source: string, target: string, extra: Partial<FlowEdge> = {}): FlowEdge => ({
  id: `${source}-${target}${extra.sourceHandle ? `-${extra.sourceHandle}` : ''}${extra.trigger ? `-${extra.trigger.replace(/\W/g, '')}` : ''}`,
  source,
  target,
  ...extra,
});

export const flowOf = (nodes: FlowNode[], edges: FlowEdge[]): FlowDocument => ({
  metadata: { schemaVersion: '2.0', flowName: 'Lint', version: '1.0.0', tags: [], personas: [] },
  nodes,
  edges,
  frames: [],
});

/** The findings of one rule, by rule name. */
export const rulesOf = (findings: LintFinding[]) => findings.map((found) => found.rule);

/**
 * Applies a finding's fix with the engine's own `applyOperations`, checks the result has no rule errors, and
 * returns it (so the test can lint it again and see the finding gone).
 */
export const applyFix = (doc: FlowDocument, finding: LintFinding | undefined): FlowDocument => {
  expect(finding?.fix).toBeDefined();
  const { document } = applyOperations(doc, finding?.fix ?? [], testContext());
  expect(validateFlow(document, limits).errors).toEqual([]);
  return document;
};

/** The rule's only finding on `doc`, asserting there is exactly one. */
export const onlyFinding = (rule: LintRule, doc: FlowDocument): LintFinding => {
  const findings = rule(doc);
  expect(findings).toHaveLength(1);
  return findings[0] as LintFinding;
};
