import { completionStatuses, flowIdPattern, variantTypes } from '../schema.ts';
import { type Json, defined, httpsUrl, isRecord, reportDropped, text } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';

const at = 'nodes[].uiMetadata.';

/** A link or screenshot: kept when it is an `https:` URL; empty is dropped quietly, anything else reported. */
const link = (value: unknown, report: ReportBuilder, path: string, id: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const url = httpsUrl(value);
  if (url === undefined) report.add('FIELD_DROPPED', `${at}${path}`, `not an https: URL: ${shown(value)}`, id);
  return url;
};

/** A list field, or undefined (a present non-list reported as dropped). */
const listOf = (key: string, value: unknown, report: ReportBuilder, id: string): unknown[] | undefined => {
  if (Array.isArray(value)) return value as unknown[];
  if (value !== undefined) reportDropped({ [key]: value }, report, at, id, 'not a list');
  return undefined;
};

const annotations = (value: unknown, report: ReportBuilder, id: string): Json[] | undefined =>
  listOf('annotations', value, report, id)?.flatMap((raw, index) => {
    const note = typeof raw === 'string' ? { text: raw } : isRecord(raw) ? raw : {};
    const { id: noteId, text: body, content, createdAt, ...rest } = note;
    const textOf = text(body) ?? text(content);
    if (textOf === undefined) {
      report.add('FIELD_DROPPED', `${at}annotations[]`, `an annotation without text: ${shown(raw)}`, id);
      return [];
    }
    reportDropped(rest, report, `${at}annotations[].`, id);
    const given = typeof noteId === 'string' && flowIdPattern.test(noteId) ? noteId : `${id}_note${index + 1}`.slice(0, 100);
    const when = typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) ? new Date(createdAt).toISOString() : undefined;
    return [defined({ id: given, text: textOf.slice(0, 2000), createdAt: when })];
  });

const variants = (value: unknown, report: ReportBuilder, id: string): Json[] | undefined =>
  listOf('variants', value, report, id)?.flatMap((raw) => {
    if (!isRecord(raw) || typeof raw.id !== 'string') {
      report.add('FIELD_DROPPED', `${at}variants[]`, `a variant without an id: ${shown(raw)}`, id);
      return [];
    }
    const { id: variantId, name, type, screenshot, ...rest } = raw;
    if (screenshot !== undefined && screenshot !== '') {
      report.add('FIELD_DROPPED', `${at}variants[].screenshot`, `2.0 variants have no screenshot; ${variantId}: ${shown(screenshot)}`, id);
    }
    reportDropped(rest, report, `${at}variants[].`, id);
    const kind = variantTypes.find((known) => known === type);
    if (kind === undefined) report.add('VALUE_CHANGED', `${at}variants[].type`, `${shown(type)} → "custom"`, id);
    return [{ id: variantId, name: (text(name) ?? variantId).slice(0, 100), type: kind ?? 'custom' }];
  });

/**
 * The earlier app's `uiMetadata` as 2.0 has it: `screenshot` becomes `screenshotUrl` (https: only), variants lose
 * their screenshots (reported), `responsiveVersion` moves to the node's data (returned in `toData`).
 */
export const convertUiMetadata = (raw: unknown, report: ReportBuilder, id: string): { uiMetadata?: Json; toData: Json } => {
  if (!isRecord(raw)) {
    if (raw !== undefined) reportDropped({ uiMetadata: raw }, report, 'nodes[].', id);
    return { toData: {} };
  }
  const { figmaLink, screenshot, screenshotUrl, annotations: notes, variants: kinds, responsiveVersion, completionStatus, ...rest } = raw;
  reportDropped(rest, report, at, id);
  if (screenshotUrl === undefined && httpsUrl(screenshot) !== undefined) {
    report.add('FIELD_MOVED', `${at}screenshot`, 'moved to uiMetadata.screenshotUrl', id);
  }
  const status = completionStatuses.find((known) => known === completionStatus);
  if (completionStatus !== undefined && status === undefined) reportDropped({ completionStatus }, report, at, id, 'not a 2.0 status');
  const uiMetadata = defined({
    figmaLink: link(figmaLink, report, 'figmaLink', id),
    screenshotUrl: link(screenshotUrl ?? screenshot, report, 'screenshot', id),
    annotations: annotations(notes, report, id),
    variants: variants(kinds, report, id),
    completionStatus: status,
  });
  return {
    ...(Object.keys(uiMetadata).length > 0 ? { uiMetadata } : {}),
    toData: responsiveVersion === undefined ? {} : { responsiveVersion },
  };
};
