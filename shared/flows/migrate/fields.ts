import { flowIdPattern } from '../schema.ts';
import { type ReportBuilder, shown } from './report.ts';

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-blank string, or undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A copy of `item` without `keys` (fields the caller has already dealt with). */
export const without = (item: Json, keys: readonly string[]): Json =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key)));

/** Drops the keys whose value is undefined, so optional 2.0 fields are absent rather than `undefined`. */
export const defined = <T extends Json>(item: T): T =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;

/**
 * A text cut to `max` characters (reported), or `fallback` when it is blank (reported when the field was present).
 * @param where the report's path, e.g. `nodes[].title`; `id` the item it belongs to.
 */
export const fitText = (
  value: unknown,
  max: number,
  report: ReportBuilder,
  at: { path: string; id?: string; fallback: string },
): string => {
  const given = text(value);
  if (given === undefined) {
    report.add('DEFAULT_ADDED', at.path, `missing or blank; "${at.fallback}" used`, at.id);
    return at.fallback;
  }
  if (given.length <= max) return given;
  report.add('VALUE_CHANGED', at.path, `cut to ${max} characters`, at.id);
  return given.slice(0, max);
};

/** An optional text: absent stays absent, too long is cut (reported), anything else is dropped (reported). */
export const optionalText = (value: unknown, max: number, report: ReportBuilder, at: { path: string; id?: string }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    report.add('FIELD_DROPPED', at.path, `not a text: ${shown(value)}`, at.id);
    return undefined;
  }
  return fitText(value, max, report, { ...at, fallback: '' });
};

/** An `https:` URL (the only scheme 2.0 accepts for links and screenshots), or undefined. */
export const httpsUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
};

// Keys a canvas library (React Flow) writes about its own state: the selection, measured sizes, drag state.
const editorStateKeys = new Set(['selected', 'dragging', 'positionAbsolute', 'width', 'height', 'measured', 'dragHandle', 'zIndex', 'z']);

/** Puts `value` in `data[key]` (reported as moved from `from`); a key `data` already has wins and the value is reported. */
export const moveIntoData = (data: Json, key: string, value: unknown, at: { from: string; id: string }, report: ReportBuilder): void => {
  if (value === undefined) return;
  if (key in data) report.add('FIELD_DROPPED', at.from, `data.${key} is taken; value ${shown(value)}`, at.id);
  else {
    data[key] = value;
    report.add('FIELD_MOVED', at.from, `moved to data.${key}`, at.id);
  }
};

/**
 * Moves a node's unknown top-level fields into its `data` (nothing a user made is lost) and drops the canvas's own
 * state; both reported.
 */
export const keepUnknownInData = (unknown: Json, data: Json, report: ReportBuilder, id: string): Json => {
  const kept = { ...data };
  for (const [key, value] of Object.entries(unknown)) {
    if (editorStateKeys.has(key)) report.add('FIELD_DROPPED', `nodes[].${key}`, 'the editor’s own state, not part of the flow', id);
    else moveIntoData(kept, key, value, { from: `nodes[].${key}`, id }, report);
  }
  return kept;
};

/** Reports each field of `extra` as dropped, value included (for places 2.0 has no bag for: metadata, edges). */
export const reportDropped = (extra: Json, report: ReportBuilder, path: string, id?: string, why = 'no place for it in 2.0') => {
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) report.add('FIELD_DROPPED', `${path}${key}`, `${why}; value ${shown(value)}`, id);
  }
};

/**
 * Renames ids 2.0 refuses (2.0 allows letters, digits, "_" and "-", 1–100 characters), reported; every reference
 * is mapped through the same function, so edges and frames follow their nodes.
 */
export const createIdMap = (report: ReportBuilder, path: string) => {
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  const map = (id: string): string => {
    if (flowIdPattern.test(id)) return id;
    const known = renamed.get(id);
    if (known !== undefined) return known;
    const base = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 90) || 'item';
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    renamed.set(id, candidate);
    report.add('ID_RENAMED', path, `${shown(id)} → "${candidate}"`, candidate);
    return candidate;
  };
  return { map, reserve: (ids: readonly string[]) => ids.forEach((id) => taken.add(id)) };
};
