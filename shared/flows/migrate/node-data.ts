import { httpMethods } from '../schema.ts';
import { type Json, fitText, isRecord, text } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';

/**
 * Screen elements as 2.0 has them (`{id, type, label}` and any other keys the user gave): the earlier `text` is the
 * label; a missing id or type is filled. An id 2.0 refuses is left for the schema to report: triggers name it.
 */
export const convertElements = (elements: unknown[], report: ReportBuilder, nodeId: string): Json[] =>
  elements.map((element, index) => {
    if (!isRecord(element)) {
      report.add('VALUE_CHANGED', 'nodes[].data.elements[]', 'an element that was not an object became a text element', nodeId);
      return { id: `${nodeId}_el${index + 1}`.slice(0, 100), type: 'text', label: shown(element) };
    }
    const { text: label1, label: label2, id, type, ...rest } = element;
    if (label2 === undefined && label1 !== undefined) report.add('FIELD_MOVED', 'nodes[].data.elements[].text', 'moved to label', nodeId);
    if (label2 !== undefined && label1 !== undefined) rest.text = label1;
    const label = typeof (label2 ?? label1) === 'string' ? ((label2 ?? label1) as string) : '';
    if (label.length > 200) report.add('VALUE_CHANGED', 'nodes[].data.elements[].label', 'cut to 200 characters', nodeId);
    let elementId = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
    if (elementId === '') {
      elementId = `${nodeId}_el${index + 1}`.slice(0, 100);
      report.add('DEFAULT_ADDED', 'nodes[].data.elements[].id', 'missing; one was made from the node id', nodeId);
    }
    const elementType = text(type) ?? 'element';
    if (text(type) === undefined) report.add('DEFAULT_ADDED', 'nodes[].data.elements[].type', 'missing; "element" used', nodeId);
    return { ...rest, id: elementId, type: elementType.slice(0, 50), label: label.slice(0, 200) };
  });

/** An api-call's data: the method upper-cased (GET when missing or unknown, reported), the URL, the other keys kept. */
export const apiCallData = (data: Json, report: ReportBuilder, nodeId: string): Json => {
  const given = text(data.method);
  const method = httpMethods.find((known) => known === given?.toUpperCase());
  if (method === undefined) {
    const why = given === undefined ? 'missing' : `${shown(data.method)} is not one of ${httpMethods.join(', ')}`;
    report.add('DEFAULT_ADDED', 'nodes[].data.method', `${why}; GET used`, nodeId);
  } else if (method !== given) report.add('VALUE_CHANGED', 'nodes[].data.method', `${shown(given)} → "${method}"`, nodeId);
  const url = text(data.url) ?? text(data.endpoint);
  const { endpoint, ...rest } = data;
  if (data.url === undefined && endpoint !== undefined) report.add('FIELD_MOVED', 'nodes[].data.endpoint', 'moved to data.url', nodeId);
  else if (endpoint !== undefined) rest.endpoint = endpoint;
  return { ...rest, method: method ?? 'GET', url };
};

/**
 * A node's name: its top-level `title`, else `data.title` (the earlier backend's screens and popups), else
 * `data.label` (the earlier template library's), else `fallback`; a name taken from `data` leaves it (reported).
 */
export const nameOf = (title: unknown, data: Json, fallback: string, report: ReportBuilder, id: string): { title: string; data: Json } => {
  const { title: dataTitle, label, ...rest } = data;
  const fromData = text(dataTitle) !== undefined ? 'title' : text(label) !== undefined ? 'label' : undefined;
  if (fromData === undefined || text(title) !== undefined)
    return { title: fitText(title, 100, report, { path: 'nodes[].title', id, fallback }), data };
  report.add('FIELD_MOVED', `nodes[].data.${fromData}`, 'moved to title', id);
  const kept = fromData === 'title' && label !== undefined ? { ...rest, label } : rest;
  return { title: fitText(data[fromData], 100, report, { path: 'nodes[].title', id, fallback }), data: kept };
};
