/** One changed leaf: `path` is dot-separated (`position.x`, `data.elements.0.label`); a side that is absent is `undefined`. */
export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject => value !== null && typeof value === 'object' && !Array.isArray(value);

const join = (prefix: string, key: string | number): string => (prefix === '' ? String(key) : `${prefix}.${key}`);

const walk = (from: unknown, to: unknown, path: string, out: FieldChange[]): void => {
  if (from === to) return;
  if (Array.isArray(from) && Array.isArray(to)) {
    // Arrays are compared by index: a removal in the middle shows as changes up to the end, which is what the user sees.
    const length = Math.max(from.length, to.length);
    for (let index = 0; index < length; index += 1) walk(from[index], to[index], join(path, index), out);
    return;
  }
  if (isPlainObject(from) && isPlainObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    for (const key of keys) walk(from[key], to[key], join(path, key), out);
    return;
  }
  out.push({ path, from, to });
};

/**
 * The leaf-level differences between two JSON-like values, in sorted key order. Key order is ignored, a key holding
 * `undefined` counts as absent, arrays are compared by index, and a value that changes kind (object ↔ array ↔ scalar,
 * or appears / disappears) is reported once at its own path with both whole values.
 */
export const diffFields = (from: unknown, to: unknown, prefix = ''): FieldChange[] => {
  const out: FieldChange[] = [];
  walk(from, to, prefix, out);
  return out;
};
