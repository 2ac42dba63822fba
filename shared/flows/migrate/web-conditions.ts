import type { FlowEdge } from '../schema.ts';
import { type Json, isRecord, reportDropped, text } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';

const at = 'nodes[].data.conditions[]';

/**
 * A condition node's outputs as 2.0 has them (`{id, label}`). An output's `targetNodeId` that no edge carries
 * becomes an edge naming the output in `sourceHandle`; a node without outputs gets one per handle its edges name.
 * @returns the edges to add.
 */
export const convertConditions = (
  node: Json,
  edges: readonly FlowEdge[],
  ids: { map: (id: string) => string; steps: Set<string>; edgeIds: Set<string> },
  report: ReportBuilder,
): FlowEdge[] => {
  const id = String(node.id);
  const data = isRecord(node.data) ? node.data : {};
  const leaving = edges.filter((edge) => edge.source === id);
  const added: FlowEdge[] = [];
  const outputs = (Array.isArray(data.conditions) ? data.conditions : []).flatMap((raw) => {
    if (!isRecord(raw) || (typeof raw.id !== 'string' && typeof raw.id !== 'number')) {
      report.add('FIELD_DROPPED', at, `an output without an id: ${shown(raw)}`, id);
      return [];
    }
    const { id: outputId, label, targetNodeId, ...rest } = raw;
    const output = { id: String(outputId), label: (text(label) ?? '').slice(0, 200) };
    reportDropped(rest, report, `${at}.`, id);
    if (targetNodeId === undefined || targetNodeId === null) return [output];
    const target = ids.map(typeof targetNodeId === 'string' ? targetNodeId : JSON.stringify(targetNodeId));
    if (leaving.some((edge) => edge.sourceHandle === output.id)) {
      report.add('FIELD_MOVED', `${at}.targetNodeId`, 'carried by the edge leaving that output', id);
    } else if (ids.steps.has(target)) {
      let edgeId = `${id}-${output.id}`.slice(0, 100);
      for (let n = 2; ids.edgeIds.has(edgeId); n++) edgeId = `${id}-${output.id}`.slice(0, 95) + `-${n}`;
      ids.edgeIds.add(edgeId);
      added.push({ id: edgeId, source: id, target, sourceHandle: output.id, ...(output.label ? { label: output.label } : {}) });
      report.add('EDGE_ADDED', 'edges[]', `made from a condition output's targetNodeId`, edgeId);
    } else report.add('FIELD_DROPPED', `${at}.targetNodeId`, `names no node that 2.0 keeps: ${shown(targetNodeId)}`, id);
    return [output];
  });
  if (outputs.length === 0) {
    const handles = [...new Set(leaving.map((edge) => edge.sourceHandle).filter((handle) => handle !== undefined))];
    outputs.push(
      ...handles.map((handle) => ({ id: handle, label: leaving.find((edge) => edge.sourceHandle === handle)?.label ?? handle })),
    );
    if (handles.length > 0) report.add('DEFAULT_ADDED', 'nodes[].data.conditions', 'missing; one output per handle its edges name', id);
  }
  node.data = { ...data, conditions: outputs };
  return added;
};
