import fc from 'fast-check';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import type { ExampleRequest } from '../authorization/examples.ts';

/** A request as sent: the body as raw text, since some bodies cannot be written by `JSON.stringify`. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Values chosen to break validators and what runs after them, next to arbitrary JSON. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    '',
    ' ',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '\u0000',
    '\ud800',
    '../../etc/passwd',
    'x'.repeat(70_000),
    '1e309',
    '-0',
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    1e308,
    [],
    {},
    { __proto__: null, constructor: { prototype: { polluted: true } } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  ),
);

/** Every path inside a JSON value (the root is `[]`). */
const pathsOf = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([key, item]) => pathsOf(item, [...at, key]))];
};

/** A copy of `value` with `replacement` at `path` (the root when the path is empty). */
const replaceAt = (value: unknown, path: (string | number)[], replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
};

const marker = '\u0001DEEP\u0001';
const placeholder = JSON.stringify(marker);
/** JSON text of `body` with a `[[[…]]]` of `depth` levels at `path` (too deep for `JSON.stringify` to write). */
const withDeepNesting = (body: unknown, path: (string | number)[], depth: number) =>
  JSON.stringify(replaceAt(body, path, marker)).replace(placeholder, `${'['.repeat(depth)}${']'.repeat(depth)}`);

/** A copy of `value` in which every object also has `keys`, each set to `filler`. */
const addEverywhere = (value: unknown, keys: readonly string[], filler: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => addEverywhere(item, keys, filler));
  const entries = Object.entries(value).map(([key, item]) => [key, addEverywhere(item, keys, filler)] as const);
  return Object.fromEntries([...keys.filter((key) => !(key in value)).map((key) => [key, filler] as const), ...entries]);
};

/**
 * JSON text of `body` in which every object also carries `data` and `x` holding `{"x": [[[…]]]}` of
 * `depth` levels: free-form fields (node `data`) are where deep JSON used to get through.
 */
const withDeepEverywhere = (body: unknown, depth: number) =>
  JSON.stringify(addEverywhere(body, ['data', 'x'], marker)).replaceAll(placeholder, `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);

/** Generated bodies: arbitrary JSON, the valid body with one part replaced, deep nesting, text that is not JSON. */
const bodies = (base: unknown): fc.Arbitrary<string> => {
  const paths = pathsOf(base ?? {});
  const path = fc.constantFrom(...paths);
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.tuple(path, hostile).map(([at, value]) => JSON.stringify(replaceAt(base ?? {}, at, value))),
    fc.tuple(path, fc.integer({ min: 30, max: 100_000 })).map(([at, depth]) => withDeepNesting(base ?? {}, at, depth)),
    fc.integer({ min: 5_000, max: 30_000 }).map((depth) => withDeepEverywhere(base ?? {}, depth)),
    fc.string({ maxLength: 200 }),
  );
};

const queryValue = fc.oneof(
  fc.string({ maxLength: 50, unit: 'binary' }),
  fc.constantFrom('', '-1', '0', '1e309', 'NaN', '9007199254740993', '[]', '{"a":1}', 'x'.repeat(5_000), 'svg', '1'),
);

/** Header values: visible ASCII only (anything else cannot be sent at all). */
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]{0,60}$/),
  fc.constantFrom('*', '"v1"', 'W/"v1"', '"v0", "v1"', '"v9007199254740993"'),
);

/** The query keys a route declares (its zod object's shape), plus a stray one. */
const queryKeysOf = (definition: HttpFunctionDefinition): string[] => {
  const query = definition.route.request?.query as { shape?: Record<string, unknown> } | undefined;
  return [...Object.keys(query?.shape ?? {}), 'unexpected'];
};

/** Generated query strings over the declared keys (and one stray key). */
const queries = (definition: HttpFunctionDefinition) =>
  fc
    .dictionary(fc.constantFrom(...queryKeysOf(definition)), queryValue, { maxKeys: 4 })
    .map((entries) => new URLSearchParams(entries).toString());

/** The path with one of the route's parameters replaced by generated text. */
const paths = (definition: HttpFunctionDefinition, concrete: string) => {
  const pattern = definition.route.path.split('/');
  const segments = concrete.split('/');
  const params = pattern.flatMap((segment, index) => (/^\{\w+\}$/.test(segment) ? [index] : []));
  if (params.length === 0) return fc.constant(concrete);
  return fc
    .tuple(fc.constantFrom(...params), queryValue)
    .map(([index, value]) => segments.map((segment, i) => (i === index ? encodeURIComponent(value) || 'x' : segment)).join('/'));
};

/**
 * Requests derived from a valid one: a generated body (when the method has one), a generated query,
 * one path parameter replaced, or a generated If-Match — one change at a time, so the others stay
 * valid and the request reaches as far into the function as the change allows.
 */
export const generatedRequests = (definition: HttpFunctionDefinition, base: ExampleRequest): fc.Arbitrary<RawRequest> => {
  const [pathOnly = '', query] = base.path.split('?');
  const headers = { 'content-type': 'application/json', ...base.headers };
  const baseBody = base.body === undefined ? undefined : JSON.stringify(base.body);
  const hasBody = !['GET', 'HEAD'].includes(base.method.toUpperCase());
  const variants: fc.Arbitrary<RawRequest>[] = [
    queries(definition).map((generated) => ({ method: base.method, path: `${pathOnly}?${generated}`, headers, body: baseBody })),
    paths(definition, pathOnly).map((path) => ({
      method: base.method,
      path: query === undefined ? path : `${path}?${query}`,
      headers,
      body: baseBody,
    })),
    headerValue.map((ifMatch) => ({ method: base.method, path: base.path, headers: { ...headers, 'if-match': ifMatch }, body: baseBody })),
  ];
  if (!hasBody) return fc.oneof(...variants);
  // Bodies are where most of the input is: half the requests change the body.
  const body = bodies(base.body).map((generated) => ({ method: base.method, path: base.path, headers, body: generated }));
  return fc.oneof({ arbitrary: body, weight: 3 }, ...variants.map((arbitrary) => ({ arbitrary, weight: 1 })));
};
