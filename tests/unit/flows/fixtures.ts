import { isDomainError } from '../../../shared/kernel/index.ts';
import type { FlowDocument, LayoutEngine, OperationContext } from '../../../shared/flows/index.ts';
import { layoutHierarchical } from '../../../shared/infra/layout/dagre-layout.ts';
import { layoutForce } from '../../../shared/infra/layout/force-layout.ts';

/** Generous limits so that only the rule under test fires. */
export const limits = { nodesPerFlow: 1_000 };

/** start → login (screen) → submit (api-call) → ok? (decision) → yes: end, no: back to login. No errors, no warnings. */
export const validFlow = (): FlowDocument => ({
  metadata: {
    schemaVersion: '2.0',
    flowName: 'Login',
    version: '1.0.0',
    tags: ['auth'],
    personas: [{ id: 'per_visitor', name: 'Visitor' }],
    globalSettings: { gridSize: 20, snapToGrid: true, theme: 'light' },
  },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    {
      id: 'login',
      type: 'screen',
      title: 'Login',
      position: { x: 0, y: 150 },
      size: { width: 200, height: 120 },
      personaIds: ['per_visitor'],
      frameId: 'frm_auth',
      data: { elements: [{ id: 'submit_btn', type: 'button', label: 'Sign in' }] },
    },
    {
      id: 'submit',
      type: 'api-call',
      title: 'POST /login',
      position: { x: 0, y: 300 },
      frameId: 'frm_auth',
      data: { method: 'POST', url: '/login' },
    },
    { id: 'ok', type: 'decision', title: 'Credentials ok?', position: { x: 0, y: 450 }, data: { condition: 'response.ok' } },
    { id: 'end', type: 'end', title: 'Signed in', position: { x: 0, y: 600 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'login', trigger: 'onLoad' },
    { id: 'e2', source: 'login', target: 'submit', trigger: 'onClick(submit_btn)' },
    { id: 'e3', source: 'submit', target: 'ok', trigger: 'onSuccess' },
    { id: 'e4', source: 'ok', target: 'end', trigger: 'if_true' },
    { id: 'e5', source: 'ok', target: 'login', trigger: 'if_false', type: 'smoothstep', animated: true },
  ],
  frames: [
    { id: 'frm_auth', title: 'Auth', position: { x: -20, y: 130 }, size: { width: 240, height: 300 }, nodeIds: ['login', 'submit'] },
  ],
});

/** The real layout libraries (pure computation), as the apply service loads them. */
export const layoutEngine: LayoutEngine = { hierarchical: layoutHierarchical, force: layoutForce };

/** Deterministic ids, a fixed clock and the layout engine. */
export const testContext = (): OperationContext => {
  let counter = 0;
  return { newId: (prefix) => `${prefix}_${++counter}`, now: () => new Date('2026-01-02T03:04:05.000Z'), layout: layoutEngine };
};

/** The error's code and failures, or 'OK'. */
export const outcomeOf = (action: () => unknown): { code: string; rules: string[] } => {
  try {
    action();
    return { code: 'OK', rules: [] };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const failures = (error.extensions.failures ?? []) as { rule: string }[];
    return { code: error.code, rules: failures.map((failure) => failure.rule) };
  }
};
