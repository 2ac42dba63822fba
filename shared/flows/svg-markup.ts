/** SVG text primitives for `exportSvg`: escaping, colour checks, rounding and label fitting. */

/** A number with at most one decimal and no `-0`, so the output is stable byte for byte. */
export const num = (value: number): string => String(Math.round(value * 10) / 10 + 0);

// Characters XML 1.0 forbids even escaped (controls, lone surrogates, U+FFFE/U+FFFF): dropped, or the document would not parse.
const forbidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or a quoted attribute. */
export const escapeXml = (text: string): string => text.replace(forbidden, '').replace(/[&<>"']/g, (char) => entities[char] ?? char);

/** A `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` colour, else `fallback`: anything else could leave the attribute or load a URL. */
export const safeColor = (value: unknown, fallback: string): string =>
  typeof value === 'string' && /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value) ? value : fallback;

/** `text` on one line, cut to `maxChars` code points (ellipsis included) when longer. */
export const truncate = (text: string, maxChars: number): string => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= maxChars
    ? chars.join('')
    : `${chars
        .slice(0, Math.max(0, maxChars - 1))
        .join('')
        .trimEnd()}…`;
};

/** Average advance of a 12 px sans-serif character, rounded up so that estimated labels rarely overflow. */
const charWidth = 7;

/** How many characters fit in `width` pixels (at least one). */
export const charsFitting = (width: number): number => Math.max(1, Math.floor(width / charWidth));

/** The estimated width of `text` in pixels. */
export const textWidth = (text: string): number => Array.from(text).length * charWidth;

export type Attributes = Record<string, string | number | undefined>;

/** An opening tag whose attribute values are all escaped (numbers rounded); attributes left undefined are omitted. */
export const openTag = (name: string, attributes: Attributes): string => {
  const text = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
  return `<${name}${text}>`;
};

/** An element built with `openTag`; `children` is markup already escaped. */
export const el = (name: string, attributes: Attributes, children?: string): string =>
  children === undefined ? `${openTag(name, attributes).slice(0, -1)}/>` : `${openTag(name, attributes)}${children}</${name}>`;

/** A `points` value from flat x, y pairs. */
export const points = (coordinates: readonly number[]): string =>
  coordinates
    .map((value, index) => (index % 2 === 0 ? num(value) : `,${num(value)} `))
    .join('')
    .trimEnd();
