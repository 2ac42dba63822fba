import { type FlowEdge, edgeTypes, fixedTriggers, onClickTriggerPattern } from '../schema.ts';
import { type Json, defined, fitText, isRecord, optionalText, reportDropped, text } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';

/** The 2.0 trigger for a source trigger: as it is, re-spelt (case), or undefined when 2.0 has none. */
const knownTrigger = (trigger: string): string | undefined => {
  if (onClickTriggerPattern.test(trigger)) return trigger;
  const click = /^onclick\((.*)\)$/i.exec(trigger);
  if (click) return onClickTriggerPattern.test(`onClick(${click[1]})`) ? `onClick(${click[1]})` : undefined;
  return fixedTriggers.find((name) => name.toLowerCase() === trigger.toLowerCase());
};

/** Trigger and label of an edge; an unknown trigger becomes the label when there is none (so it stays visible). */
const triggerAndLabel = (trigger: unknown, label: unknown, report: ReportBuilder, id: string) => {
  let kept = optionalText(label, 200, report, { path: 'edges[].label', id });
  if (trigger === undefined || trigger === null || trigger === '') return { trigger: undefined, label: kept };
  const given = typeof trigger === 'string' ? trigger : shown(trigger);
  const known = knownTrigger(given);
  if (known !== undefined) {
    if (known !== given) report.add('TRIGGER_RENAMED', 'edges[].trigger', `"${given}" → "${known}"`, id);
    return { trigger: known, label: kept };
  }
  if (kept === undefined) {
    kept = fitText(given, 200, report, { path: 'edges[].label', id, fallback: '-' });
    report.add('TRIGGER_UNKNOWN', 'edges[].trigger', `"${given}" is not a 2.0 trigger; kept as the label`, id);
  } else report.add('TRIGGER_UNKNOWN', 'edges[].trigger', `"${given}" is not a 2.0 trigger; dropped`, id);
  return { trigger: undefined, label: kept };
};

/** Fields of a source edge that 2.0 has (or that a dialect keeps in `data`); the rest is reported as dropped. */
const edgeKeys = new Set([
  'id',
  'source',
  'target',
  'sourceHandle',
  'targetHandle',
  'label',
  'trigger',
  'type',
  'animated',
  'data',
  'isGhost',
]);

/**
 * A source edge as a 2.0 edge: the trigger and label from the edge or its `data`, a known `type` kept, every other
 * field reported as dropped (2.0 edges have no `data` or `style`). Ids are mapped by the caller first.
 */
export const convertEdge = (raw: Json, ids: { id: string; source: string; target: string }, report: ReportBuilder): FlowEdge => {
  const data = isRecord(raw.data) ? raw.data : {};
  const { trigger: dataTrigger, label: dataLabel, ...dataRest } = data;
  // 2.0 edge fields kept in `data` by the earlier backend move up when the edge does not set them itself.
  const lifted: Json = {};
  for (const key of ['sourceHandle', 'targetHandle', 'type', 'animated'] as const) {
    if (dataRest[key] === undefined || raw[key] !== undefined) continue;
    lifted[key] = dataRest[key];
    delete dataRest[key];
    report.add('FIELD_MOVED', `edges[].data.${key}`, `moved to ${key}`, ids.id);
  }
  const edge = { ...raw, ...lifted };
  if (raw.trigger === undefined && dataTrigger !== undefined) report.add('FIELD_MOVED', 'edges[].data.trigger', 'moved to trigger', ids.id);
  if (raw.label === undefined && dataLabel !== undefined) report.add('FIELD_MOVED', 'edges[].data.label', 'moved to label', ids.id);
  const { trigger, label } = triggerAndLabel(raw.trigger ?? dataTrigger, raw.label ?? dataLabel, report, ids.id);
  reportDropped(dataRest, report, 'edges[].data.', ids.id);
  if (raw.data !== undefined && !isRecord(raw.data)) reportDropped({ data: raw.data }, report, 'edges[].', ids.id);
  const type = edgeTypes.find((known) => known === edge.type);
  if (edge.type !== undefined && type === undefined)
    report.add('FIELD_DROPPED', 'edges[].type', `${shown(edge.type)} is not a 2.0 edge type`, ids.id);
  const extra = Object.fromEntries(Object.entries(edge).filter(([key]) => !edgeKeys.has(key)));
  reportDropped(extra, report, 'edges[].', ids.id);
  return defined({
    ...ids,
    sourceHandle: text(edge.sourceHandle)?.slice(0, 100),
    targetHandle: text(edge.targetHandle)?.slice(0, 100),
    label,
    trigger,
    type,
    animated: typeof edge.animated === 'boolean' ? edge.animated : undefined,
  });
};
