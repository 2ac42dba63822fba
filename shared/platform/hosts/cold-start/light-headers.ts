const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// NUL, CR and LF end a header line; anything above Latin-1 is not a ByteString.
const forbiddenValuePattern = /[\0\r\n]|[^\x00-\xFF]/;
/** HTTP whitespace (tab, line feed, carriage return, space) trimmed from values, as the Fetch standard does. */
const trimPattern = /^[\t\n\r ]+|[\t\n\r ]+$/g;

const checkedName = (name: string): string => {
  if (!tokenPattern.test(name)) throw new TypeError(`Headers: "${name}" is an invalid header name.`);
  return name.toLowerCase();
};

const checkedValue = (name: string, value: string): string => {
  const trimmed = String(value).replace(trimPattern, '');
  if (forbiddenValuePattern.test(trimmed)) throw new TypeError(`Headers: the value of "${name}" is invalid.`);
  return trimmed;
};

const isIterable = (value: object): value is Iterable<readonly [string, string]> => Symbol.iterator in value;

/**
 * The Fetch standard's `Headers` for the Knative host's request pipeline, built without Node's
 * undici (whose first use costs a cold instance more than our whole bundle's routing; see
 * `docs/platform.md`). Same semantics as the standard class: names are case-insensitive and
 * validated, values trimmed and validated, `get` joins repeated values with ", ", iteration is
 * sorted by name, and each Set-Cookie line stays separate (`getSetCookie`).
 */
export class LightHeaders implements Headers {
  readonly #values = new Map<string, string[]>();

  constructor(init?: HeadersInit | null) {
    if (!init) return;
    if (isIterable(init)) {
      for (const pair of init) {
        if (pair.length !== 2) throw new TypeError('Headers: each header pair must have a name and a value.');
        this.append(pair[0], pair[1]);
      }
      return;
    }
    for (const [name, value] of Object.entries(init)) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = checkedName(name);
    const values = this.#values.get(key);
    if (values) values.push(checkedValue(name, value));
    else this.#values.set(key, [checkedValue(name, value)]);
  }

  set(name: string, value: string): void {
    this.#values.set(checkedName(name), [checkedValue(name, value)]);
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name))?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name));
  }

  delete(name: string): void {
    this.#values.delete(checkedName(name));
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  /** Iterates a snapshot taken when iteration starts, so a loop may change the headers it walks. */
  *entries(): HeadersIterator<[string, string]> {
    const pairs: [string, string][] = [];
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name)!;
      if (name === 'set-cookie') for (const value of values) pairs.push([name, value]);
      else pairs.push([name, values.join(', ')]);
    }
    yield* pairs;
  }

  *keys(): HeadersIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
