import {
  type Json,
  without,
  defined,
  finite,
  isRecord,
  keepUnknownInData,
  moveIntoData,
  optionalText,
  reportDropped,
  text,
} from './fields.ts';
import { apiCallData, convertElements, nameOf } from './node-data.ts';
import { type ReportBuilder, shown } from './report.ts';
import { convertUiMetadata } from './web-ui.ts';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

const sizeOf = (value: unknown, report: ReportBuilder, id: string) => {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !finite(value.width) || !finite(value.height)) {
    reportDropped({ size: value }, report, 'nodes[].', id, 'not a {width, height} size');
    return undefined;
  }
  const size = { width: clamp(value.width, 50, 500), height: clamp(value.height, 30, 300) };
  if (size.width !== value.width || size.height !== value.height) {
    report.add('VALUE_CHANGED', 'nodes[].size', `${shown(value)} brought into 2.0's range (50–500 × 30–300)`, id);
  }
  return size;
};

/** A style of plain values (2.0 keeps texts, numbers and booleans); other values reported as dropped. */
export const styleOf = (value: unknown, report: ReportBuilder, path: string, id: string): Json | undefined => {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    reportDropped({ style: value }, report, path, id, 'not an object');
    return undefined;
  }
  const plain = Object.entries(value).filter(([, entry]) => ['string', 'number', 'boolean'].includes(typeof entry));
  reportDropped(
    Object.fromEntries(Object.entries(value).filter(([key]) => !plain.some(([kept]) => kept === key))),
    report,
    `${path}style.`,
    id,
  );
  return Object.fromEntries(plain);
};

export const positionOf = (value: unknown, report: ReportBuilder, path: string, id: string) => {
  if (isRecord(value) && finite(value.x) && finite(value.y)) return { x: value.x, y: value.y };
  if (value !== undefined) reportDropped({ position: value }, report, path, id, 'not an {x, y} position');
  return undefined;
};

const typedData = (type: string, title: string, data: Json, report: ReportBuilder, id: string): Json => {
  if (type === 'screen' || type === 'popup')
    return Array.isArray(data.elements) ? { ...data, elements: convertElements(data.elements, report, id) } : data;
  if (type === 'api-call') return apiCallData(data, report, id);
  if (type === 'decision' && text(data.condition) === undefined) {
    report.add('DEFAULT_ADDED', 'nodes[].data.condition', 'missing; the title is used', id);
    return { ...data, condition: title };
  }
  if (type === 'subflow' && data.subflowId !== undefined) {
    const { subflowId, ...rest } = data;
    if (data.flowId !== undefined) return data;
    report.add('FIELD_MOVED', 'nodes[].data.subflowId', 'moved to data.flowId', id);
    return { ...rest, flowId: typeof subflowId === 'string' ? subflowId : JSON.stringify(subflowId) };
  }
  return data;
};

/**
 * A step node of the earlier app (not a frame, not a ghost) as a 2.0 node; `frameId` is set later from the frames.
 * `enhanced-screen` is a screen; `priority` moves to data and `locked` to `isPinned`; unknown fields go to data.
 */
export const convertWebNode = (node: Json, id: string, personaIds: (ids: unknown) => string[] | undefined, report: ReportBuilder) => {
  const rawType = String(node.type);
  const type = rawType === 'enhanced-screen' ? 'screen' : rawType;
  if (type !== rawType) report.add('TYPE_MAPPED', 'nodes[].type', `"${rawType}" → "${type}"`, id);
  const {
    title,
    description,
    position,
    size,
    style,
    personaIds: personas,
    ...more
  } = without(node, ['id', 'type', 'parentFrameId', 'frameId', 'isGhost']);
  const { priority, locked, isPinned, data: rawData, uiMetadata: rawUi, ...others } = more;
  const named = nameOf(title, isRecord(rawData) ? rawData : {}, rawType, report, id);
  if (rawData !== undefined && !isRecord(rawData)) reportDropped({ data: rawData }, report, 'nodes[].', id, 'not an object');
  const ui = convertUiMetadata(rawUi, report, id);
  const moved = { ...named.data };
  moveIntoData(moved, 'responsiveVersion', ui.toData.responsiveVersion, { from: 'nodes[].uiMetadata.responsiveVersion', id }, report);
  moveIntoData(moved, 'priority', priority, { from: 'nodes[].priority', id }, report);
  if (typeof locked === 'boolean' && isPinned === undefined) report.add('FIELD_MOVED', 'nodes[].locked', 'moved to isPinned', id);
  else if (locked !== undefined)
    reportDropped({ locked }, report, 'nodes[].', id, isPinned === undefined ? 'not a boolean' : 'isPinned is set');
  const data = keepUnknownInData(others, typedData(type, named.title, moved, report, id), report, id);
  return defined({
    id,
    type,
    title: named.title,
    description: optionalText(description, 2000, report, { path: 'nodes[].description', id }),
    position: positionOf(position, report, 'nodes[].', id),
    size: sizeOf(size, report, id),
    style: styleOf(style, report, 'nodes[].', id),
    personaIds: personaIds(personas),
    isPinned: typeof isPinned === 'boolean' ? isPinned : typeof locked === 'boolean' ? locked : undefined,
    uiMetadata: ui.uiMetadata,
    data: Object.keys(data).length > 0 ? data : undefined,
  });
};
