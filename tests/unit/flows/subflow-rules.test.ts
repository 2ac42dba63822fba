import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flows/index.ts';
import { maxSubflowDepth, subflowIssues } from '../../../shared/flows/service/subflow-rules.ts';

/** A flow whose only content is a start and, for each target, a subflow node pointing at it. */
const flowWith = (...targets: string[]): FlowDocument => ({
  metadata: { schemaVersion: '2.0', flowName: 'f', version: '1.0.0' },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    ...targets.map((flowId, i) => ({
      id: `sub${i}`,
      type: 'subflow' as const,
      title: `Sub ${i}`,
      position: { x: 0, y: 100 * (i + 1) },
      data: { flowId },
    })),
  ],
  edges: [],
  frames: [],
});

/** Resolves flow ids from a table (missing ids: null, like a deleted flow or another workspace's). */
const resolver = (flows: Record<string, FlowDocument>) => async (id: string) => flows[id] ?? null;

/** A chain root → c1 → c2 → … → c<length>. */
const chain = (length: number): Record<string, FlowDocument> =>
  Object.fromEntries(Array.from({ length }, (_, i) => [`c${i + 1}`, i + 1 < length ? flowWith(`c${i + 2}`) : flowWith()]));

const rules = async (doc: FlowDocument, flowId: string | null, flows: Record<string, FlowDocument>) => {
  const { errors, warnings } = await subflowIssues(doc, flowId, resolver(flows));
  return { errors: errors.map((e) => e.rule), warnings: warnings.map((w) => w.rule) };
};

describe('subflowIssues', () => {
  it('should find nothing when a flow has no subflow nodes', async () => {
    expect(await rules(flowWith(), 'flw_root', {})).toEqual({ errors: [], warnings: [] });
  });

  it('should warn SUBFLOW_MISSING when a subflow names a flow that cannot be found', async () => {
    const found = await subflowIssues(flowWith('gone'), 'flw_root', resolver({}));
    expect(found.warnings).toEqual([
      expect.objectContaining({ rule: 'SUBFLOW_MISSING', path: ['nodes', 1, 'data', 'flowId'], ids: ['gone'] }),
    ]);
    expect(found.errors).toEqual([]);
  });

  it('should refuse SUBFLOW_CYCLE when the chain of subflows leads back to the flow', async () => {
    const flows = { a: flowWith('b'), b: flowWith('flw_root') };
    expect(await rules(flowWith('a'), 'flw_root', flows)).toEqual({ errors: ['SUBFLOW_CYCLE'], warnings: [] });
  });

  it('should accept a cycle among other flows that never comes back to this one', async () => {
    const flows = { a: flowWith('b'), b: flowWith('a') };
    expect(await rules(flowWith('a'), 'flw_root', flows)).toEqual({ errors: [], warnings: [] });
  });

  it(`should accept nesting ${maxSubflowDepth} deep and refuse SUBFLOW_TOO_DEEP one level more`, async () => {
    expect(await rules(flowWith('c1'), 'flw_root', chain(maxSubflowDepth))).toEqual({ errors: [], warnings: [] });
    expect(await rules(flowWith('c1'), 'flw_root', chain(maxSubflowDepth + 1))).toEqual({ errors: ['SUBFLOW_TOO_DEEP'], warnings: [] });
  });

  it('should leave a subflow naming the flow itself to validateFlow (SUBFLOW_SELF_REFERENCE)', async () => {
    expect(await rules(flowWith('flw_root'), 'flw_root', { flw_root: flowWith('flw_root') })).toEqual({ errors: [], warnings: [] });
  });

  it('should judge each subflow node of a flow on its own', async () => {
    const flows = { ...chain(maxSubflowDepth + 1), back: flowWith('flw_root') };
    expect(await rules(flowWith('c1', 'back', 'nowhere'), 'flw_root', flows)).toEqual({
      errors: ['SUBFLOW_TOO_DEEP', 'SUBFLOW_CYCLE'],
      warnings: ['SUBFLOW_MISSING'],
    });
  });

  it('should load each flow at most once per check when many subflow nodes share the flows below them', async () => {
    // 20 subflow nodes, each to its own flow, all of which lead into the same chain of four.
    const shared = chain(4);
    const branches = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`b${i}`, flowWith('c1')]));
    const flows = { ...shared, ...branches };
    const loads: string[] = [];
    const counting = async (id: string) => {
      loads.push(id);
      return resolver(flows)(id);
    };
    const found = await subflowIssues(flowWith(...Object.keys(branches)), 'flw_root', counting);
    expect(found).toEqual({ errors: [], warnings: [] });
    expect(loads.length).toBe(new Set(loads).size);
    expect(loads.length).toBeLessThanOrEqual(Object.keys(flows).length);
  });

  it('should still judge each subflow node on its own when their walks share flows', async () => {
    // b0 → c1 → … → c5 nests six levels below the root; b1 reaches the same c1 but also leads back.
    const flows = { ...chain(maxSubflowDepth), b0: flowWith('c1'), b1: flowWith('c1', 'flw_root') };
    expect(await rules(flowWith('b0', 'b1'), 'flw_root', flows)).toEqual({ errors: ['SUBFLOW_TOO_DEEP', 'SUBFLOW_CYCLE'], warnings: [] });
    expect(await rules(flowWith('b1', 'b0'), 'flw_root', flows)).toEqual({ errors: ['SUBFLOW_CYCLE', 'SUBFLOW_TOO_DEEP'], warnings: [] });
  });
});
